using System.Net.Sockets;
using Npgsql;

namespace Actors.Persistence.CockroachDb.Resilience;

/// <summary>
/// Sorts the exceptions Npgsql raises into <see cref="FailureKind"/>s. Npgsql itself never retries,
/// so this is the single place that decides what is safe to run again, and what says a connection is dead.
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
            case NpgsqlException npgsql when IsPoolExhausted(npgsql):
                return FailureKind.Busy;
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
        SqlStates.TooManyConnections => FailureKind.Busy,
        SqlStates.AdminShutdown or SqlStates.CrashShutdown or SqlStates.CannotConnectNow => FailureKind.Connection,
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

    /// <summary>
    /// True when the server side of an established connection went away: the server ended the session (57P01 on a
    /// node drain or <c>pg_terminate_backend</c>, 57P02) or the socket was closed or reset under a running command.
    /// Then the pool's other idle connections to that server are most likely dead too, and clearing them saves the
    /// retry from drawing one. Everything else leaves the pool alone: a pool wait that timed out (overload), a
    /// command or read timeout (the client gave up, the server may be fine), a refused or timed-out connect (no
    /// pooled connection was involved, and a cleared pool only means more connects).
    /// </summary>
    public static bool IsServerDisconnect(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException pg:
                    return pg.SqlState is SqlStates.AdminShutdown or SqlStates.CrashShutdown;
                case TimeoutException or OperationCanceledException:
                    return false;
                case SocketException socket:
                    return socket.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionAborted
                        or SocketError.Shutdown or SocketError.NotConnected or SocketError.Disconnecting;
                case EndOfStreamException:
                    return true;
                case IOException io when io.InnerException is null:
                    return true; // a read or write on an established stream failed without a socket error: closed under us
            }
        }

        return false;
    }

    /// <summary>
    /// Npgsql reports a pool wait that ran out as a plain <see cref="NpgsqlException"/> with a
    /// <see cref="TimeoutException"/> inside and no other marker than its message ("The connection pool has been
    /// exhausted ..."); a connect timeout has the same shape with "Failed to connect". ConnectionPoolTests provoke a
    /// real exhaustion, so a change of wording in a later Npgsql fails a test rather than passing unnoticed.
    /// </summary>
    private static bool IsPoolExhausted(NpgsqlException exception)
        => exception.InnerException is TimeoutException
           && exception.Message.Contains("connection pool has been exhausted", StringComparison.OrdinalIgnoreCase);
}
