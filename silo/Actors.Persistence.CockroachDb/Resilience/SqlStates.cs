namespace Actors.Persistence.CockroachDb.Resilience;

/// <summary>
/// The SQLSTATE codes this library reacts to. CockroachDB reuses PostgreSQL's codes, so one table serves both.
/// </summary>
public static class SqlStates
{
    /// <summary>Serialization failure; CockroachDB's "restart transaction". The transaction was rolled back: rerun it.</summary>
    public const string SerializationFailure = "40001";

    /// <summary>Deadlock detected (PostgreSQL). Rolled back: rerun.</summary>
    public const string DeadlockDetected = "40P01";

    /// <summary>
    /// Statement completion unknown. CockroachDB raises it when a COMMIT may or may not have applied
    /// (for example its gateway node lost the leaseholder mid-commit). Never retried blindly.
    /// </summary>
    public const string StatementCompletionUnknown = "40003";

    /// <summary>
    /// Query cancelled (a PostgreSQL cancel request, e.g. when the retry budget ran out while a statement waited for
    /// a lock). The transaction is aborted, unless the cancel only arrived once COMMIT was under way.
    /// </summary>
    public const string QueryCanceled = "57014";

    /// <summary>Administrator shutdown: a node drain (CockroachDB) or <c>pg_terminate_backend</c> (PostgreSQL).</summary>
    public const string AdminShutdown = "57P01";

    /// <summary>Crash shutdown.</summary>
    public const string CrashShutdown = "57P02";

    /// <summary>The server is starting up or shutting down and cannot accept connections now.</summary>
    public const string CannotConnectNow = "57P03";

    /// <summary>Too many connections.</summary>
    public const string TooManyConnections = "53300";

    /// <summary>Prefix of the connection-exception class (08000, 08003, 08006, ...).</summary>
    public const string ConnectionExceptionClass = "08";

    /// <summary>A relation (table) already exists: two silos racing to create the schema.</summary>
    public const string DuplicateTable = "42P07";

    /// <summary>Unique violation: PostgreSQL raises it on pg_type when two sessions create the same table at once.</summary>
    public const string UniqueViolation = "23505";

    /// <summary>Duplicate object: PostgreSQL's other answer to that race ("type ... already exists").</summary>
    public const string DuplicateObject = "42710";
}
