using System.Net.Sockets;
using Actors.Persistence.CockroachDb.Resilience;
using Npgsql;

namespace Actors.Persistence.Tests;

/// <summary>What is retried, and what clears the connection pool: only a server that dropped an established connection.</summary>
[Trait("Category", "Storage")]
public sealed class ErrorClassificationTests
{
    public static TheoryData<string, Exception, FailureKind, bool> Failures => new()
    {
        { "pool exhausted", new NpgsqlException("The connection pool has been exhausted, either raise 'Max Pool Size' (currently 1) or 'Timeout' (currently 1 seconds) in your connection string.", new TimeoutException()), FailureKind.Busy, false },
        { "too many connections", Postgres(SqlStates.TooManyConnections), FailureKind.Busy, false },
        { "connect refused", new NpgsqlException("Failed to connect to 127.0.0.1:1", new SocketException((int)SocketError.ConnectionRefused)), FailureKind.Connection, false },
        { "connect timeout", new NpgsqlException("Failed to connect to 10.0.0.1:26257", new TimeoutException("Timeout during connection attempt")), FailureKind.Connection, false },
        { "read timeout", new NpgsqlException("Exception while reading from stream", new TimeoutException("Timeout during reading attempt")), FailureKind.Connection, false },
        { "server closed the socket", new NpgsqlException("Exception while reading from stream", new EndOfStreamException()), FailureKind.Connection, true },
        { "connection reset", new NpgsqlException("Exception while reading from stream", new IOException("reset", new SocketException((int)SocketError.ConnectionReset))), FailureKind.Connection, true },
        { "node drain (57P01)", Postgres(SqlStates.AdminShutdown), FailureKind.Connection, true },
        { "cannot connect now (57P03)", Postgres(SqlStates.CannotConnectNow), FailureKind.Connection, false },
        { "serialization failure", Postgres(SqlStates.SerializationFailure), FailureKind.Serialization, false },
        { "cut COMMIT", new AmbiguousCommitException(new NpgsqlException("Exception while reading from stream", new EndOfStreamException())), FailureKind.Ambiguous, true },
        { "40003", Postgres(SqlStates.StatementCompletionUnknown), FailureKind.Ambiguous, false },
        { "unique violation", Postgres(SqlStates.UniqueViolation), FailureKind.Fatal, false },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Failures_are_classified_and_only_server_disconnects_clear_the_pool(string what, Exception failure, FailureKind kind, bool clearsPool)
    {
        Assert.True(kind == PostgresErrorClassifier.Classify(failure), $"{what}: {PostgresErrorClassifier.Classify(failure)}");
        Assert.True(clearsPool == PostgresErrorClassifier.IsServerDisconnect(failure), $"{what}: clears the pool = {!clearsPool}");
    }

    private static PostgresException Postgres(string sqlState) => new("test", "ERROR", "ERROR", sqlState);
}
