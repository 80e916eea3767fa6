namespace Actors.Persistence.CockroachDb.Providers;

/// <summary>
/// How database operations are retried on retryable failures (40001 serialization failures, deadlocks,
/// broken connections during a node drain, ambiguous commits). Backoff is exponential with jitter.
/// </summary>
public sealed class CockroachRetryOptions
{
    /// <summary>Attempts in all, the first included. Default 10.</summary>
    public int MaxAttempts { get; set; } = 10;

    /// <summary>Delay before the first retry; it doubles (with jitter) on each further retry. Default 20 ms.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// Delay before the first retry after a serialization failure (40001, 40P01); it doubles (with jitter) on each
    /// further one. Shorter than <see cref="BaseDelay"/> because such a failure means a concurrent transaction won:
    /// it has committed or is about to, so the rerun can go at once, while a long pause adds its whole length to the
    /// latency of every write the transaction carried (a batch carries up to
    /// <see cref="CockroachBatchingOptions.MaxBatchSize"/>). A lost connection keeps <see cref="BaseDelay"/>: the
    /// node needs time to come back. Default 2 ms (docs/storage.md, "Retries").
    /// </summary>
    public TimeSpan SerializationBaseDelay { get; set; } = TimeSpan.FromMilliseconds(2);

    /// <summary>The longest delay between two attempts. Default 1 s.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The longest one storage call (a read, write or clear with all its retries) waits for the database. Each
    /// attempt gets what is left of it for everything it waits on (a pooled connection, a connect, a statement
    /// blocked on a lock); when it runs out the call fails with a transient <c>CockroachStorageException</c>.
    /// Only a COMMIT already sent is not cut short (that would leave its outcome unknown); it is bounded by the
    /// connection string's <c>Command Timeout</c> instead. Kept below the grain call timeout
    /// (<c>SiloMessagingOptions.ResponseTimeout</c>, 30 s by default; checked at start-up) so that a caller hears
    /// the storage's answer rather than a timeout while the write may still land. Default 10 s.
    /// </summary>
    public TimeSpan TotalBudget { get; set; } = TimeSpan.FromSeconds(10);
}
