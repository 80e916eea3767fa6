namespace Actors.Persistence.CockroachDb.Resilience;

/// <summary>What a database failure means for the operation that met it.</summary>
public enum FailureKind
{
    /// <summary>Not retryable: a bug, bad data or a schema problem. Surfaced to the caller.</summary>
    Fatal,

    /// <summary>The transaction was rolled back by the database (40001, 40P01): rerun it from the start.</summary>
    Serialization,

    /// <summary>
    /// The connection broke (node drain, killed backend, network) or could not be made. Before COMMIT was sent
    /// the transaction cannot have applied: rerun it on a fresh connection. During COMMIT the outcome is ambiguous.
    /// </summary>
    Connection,

    /// <summary>The database said it does not know whether the COMMIT applied (40003).</summary>
    Ambiguous,

    /// <summary>
    /// Overload, not breakage: the client's own pool had no free connection within its timeout, or the server
    /// refused a new connection because it has too many (53300). Nothing was sent, so it is retried after a
    /// backoff, but the pool is left alone: dropping healthy connections would turn overload into a reconnect storm.
    /// </summary>
    Busy,
}
