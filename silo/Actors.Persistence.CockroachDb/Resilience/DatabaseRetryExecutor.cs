using System.Diagnostics;
using Actors.Persistence.CockroachDb.Diagnostics;
using Actors.Persistence.CockroachDb.Providers;
using Npgsql;
using Polly;
using Polly.Retry;

namespace Actors.Persistence.CockroachDb.Resilience;

/// <summary>
/// Runs one database operation (a whole transaction) under a Polly retry pipeline: exponential backoff with
/// jitter, at most <see cref="CockroachRetryOptions.MaxAttempts"/> attempts, and no new attempt once
/// <see cref="CockroachRetryOptions.TotalBudget"/> has passed. Only failures that
/// <see cref="PostgresErrorClassifier"/> calls retryable are retried. The budget is checked between attempts
/// instead of by cancelling the running one: cancelling a COMMIT in flight would create the very ambiguity the
/// write path works to avoid.
/// </summary>
public sealed class DatabaseRetryExecutor
{
    private static readonly ResiliencePropertyKey<long> StartedAt = new("actors.started-at");

    private readonly ResiliencePipeline _pipeline;

    /// <summary>Creates the pipeline. A connection failure clears the idle pool of <paramref name="dataSource"/>.</summary>
    public DatabaseRetryExecutor(CockroachRetryOptions options, NpgsqlDataSource dataSource, CockroachStorageMetrics? metrics)
    {
        var budget = options.TotalBudget;
        _pipeline = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = Math.Max(0, options.MaxAttempts - 1),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } e
                    && PostgresErrorClassifier.Classify(e) != FailureKind.Fatal
                    && Stopwatch.GetElapsedTime(args.Context.Properties.GetValue(StartedAt, 0L)) < budget),
                OnRetry = args =>
                {
                    var cause = PostgresErrorClassifier.Classify(args.Outcome.Exception!);
                    metrics?.Retried(cause);
                    if (cause is FailureKind.Connection or FailureKind.Ambiguous)
                    {
                        // After a node drain or a killed backend every idle pooled connection to it is dead too;
                        // drop them so the retry does not draw another broken one.
                        dataSource.Clear();
                    }

                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    /// <summary>Runs <paramref name="operation"/> until it succeeds, fails fatally, or retries are spent.</summary>
    public async ValueTask<TResult> ExecuteAsync<TResult, TState>(
        Func<TState, CancellationToken, ValueTask<TResult>> operation,
        TState state,
        CancellationToken cancellationToken = default)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(StartedAt, Stopwatch.GetTimestamp());
        try
        {
            return await _pipeline.ExecuteAsync(
                static (ctx, s) => s.operation(s.state, ctx.CancellationToken),
                context,
                (operation, state)).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }
}
