using Actors.Persistence.CockroachDb.Resilience;
using Polly;
using Polly.Retry;

namespace Actors.Clustering.CockroachDb.Membership;

/// <summary>
/// Retries a failed read of the gateway list a few times at once. Orleans' client refreshes the list on a timer and,
/// when a refresh fails (a broken pooled connection after a database node drain, 57P01), logs the error and waits for
/// the next tick: meanwhile it keeps routing calls to a gateway whose silo may be dead. A read is idempotent, so
/// retrying it is always safe; the retries stay well inside one refresh period.
/// </summary>
internal static class GatewayListRefreshRetry
{
    /// <summary>Attempts after the first one.</summary>
    public const int MaxRetries = 3;

    /// <summary>The pipeline: up to <see cref="MaxRetries"/> retries 50, 100, 200 ms apart, on connection and serialization failures.</summary>
    public static ResiliencePipeline Pipeline { get; } = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            MaxRetryAttempts = MaxRetries,
            BackoffType = DelayBackoffType.Exponential,
            Delay = TimeSpan.FromMilliseconds(50),
            ShouldHandle = static args => ValueTask.FromResult(args.Outcome.Exception is { } e && IsRetryable(e)),
        })
        .Build();

    private static bool IsRetryable(Exception e)
        => PostgresErrorClassifier.Classify(e is AggregateException { InnerException: { } inner } ? inner : e) is FailureKind.Connection or FailureKind.Serialization;
}
