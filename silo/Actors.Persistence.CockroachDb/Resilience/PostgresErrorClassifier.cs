using System.Net.Sockets;
using Npgsql;

namespace Actors.Persistence.CockroachDb.Resilience;

/// <summary>
/// Sorts the exceptions Npgsql raises into <see cref="FailureKind"/>s. Npgsql itself never retries,
/// so this is the single place that decides what is safe to run again.
/// </summary>
public static class PostgresErrorClassifier
{
    /// <summary>Classifies an exception met while running a statement or a transaction.</summary>
    public static FailureKind Classify(Exception exception)
    {
        switch (exception)
        {
            case AmbiguousCommitException:
                return FailureKind.Ambiguous;
            case PostgresException pg:
                return ClassifySqlState(pg.SqlState);
            case NpgsqlException npgsql:
                // Npgsql marks I/O failures, timeouts and broken pooled connections as transient;
                // anything it does not know to be transient (protocol misuse, bad configuration) is fatal.
                return npgsql.IsTransient || npgsql.InnerException is IOException or SocketException or TimeoutException
                    ? FailureKind.Connection
                    : FailureKind.Fatal;
            case IOException or SocketException or TimeoutException:
                return FailureKind.Connection;
            default:
                return FailureKind.Fatal;
        }
    }

    /// <summary>Classifies a SQLSTATE code.</summary>
    public static FailureKind ClassifySqlState(string sqlState) => sqlState switch
    {
        SqlStates.SerializationFailure or SqlStates.DeadlockDetected => FailureKind.Serialization,
        SqlStates.StatementCompletionUnknown => FailureKind.Ambiguous,
        SqlStates.AdminShutdown or SqlStates.CrashShutdown or SqlStates.CannotConnectNow or SqlStates.TooManyConnections
            => FailureKind.Connection,
        _ when sqlState.StartsWith(SqlStates.ConnectionExceptionClass, StringComparison.Ordinal) => FailureKind.Connection,
        _ => FailureKind.Fatal,
    };

    /// <summary>
    /// Classifies a failure of COMMIT itself. A rollback the database reports (40001) is definite; a connection
    /// that broke while COMMIT was in flight leaves the outcome unknown, because the server may have applied it.
    /// </summary>
    public static FailureKind ClassifyCommitFailure(Exception exception)
    {
        var kind = Classify(exception);
        return kind == FailureKind.Connection ? FailureKind.Ambiguous : kind;
    }
}
