using Actors.Persistence.CockroachDb.Providers;

namespace Actors.Persistence.CockroachDb.Resilience;

/// <summary>
/// The pause before a retry after a serialization failure: <see cref="CockroachRetryOptions.SerializationBaseDelay"/>
/// doubled per earlier retry, between half and one and a half times that (jitter, so that transactions that failed
/// each other do not rerun in step), at most <see cref="CockroachRetryOptions.MaxDelay"/>.
/// <para>
/// Measured on the benchmark's update scenario (PostgreSQL, batches of up to 64 writes): with the 20 ms of
/// <see cref="CockroachRetryOptions.BaseDelay"/> the p99 at 64 and 256 callers was the backoff itself, 27 and 59 ms
/// against a p50 of 1.2 and 2.1 ms; with 2 ms it was 12 and 31 ms in the same run (docs/storage.md, "Retries").
/// </para>
/// </summary>
internal static class RetryDelay
{
    /// <summary>
    /// The delay before retry <paramref name="attempt"/> + 1 (0 for the first retry) after <paramref name="failure"/>,
    /// or null when the failure is not a serialization failure (then the pipeline's own backoff from
    /// <see cref="CockroachRetryOptions.BaseDelay"/> applies). <paramref name="jitter"/> is uniform in [0, 1).
    /// </summary>
    public static TimeSpan? AfterSerializationFailure(Exception? failure, int attempt, CockroachRetryOptions options, double jitter)
    {
        if (failure is null || PostgresErrorClassifier.Classify(failure) != FailureKind.Serialization)
        {
            return null;
        }

        var exponential = options.SerializationBaseDelay.TotalMilliseconds * Math.Pow(2, Math.Clamp(attempt, 0, 30));
        return TimeSpan.FromMilliseconds(Math.Min(exponential * (0.5 + jitter), options.MaxDelay.TotalMilliseconds));
    }
}
