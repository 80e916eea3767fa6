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

    /// <summary>The longest delay between two attempts. Default 1 s.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// No new attempt starts once this much time has passed since the first one. It must stay below the grain
    /// call timeout (<c>SiloMessagingOptions.ResponseTimeout</c>, 30 s by default) so that a caller hears the
    /// storage error rather than a timeout. Default 10 s.
    /// </summary>
    public TimeSpan TotalBudget { get; set; } = TimeSpan.FromSeconds(10);
}
