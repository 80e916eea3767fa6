using System.Diagnostics;
using Actors.Persistence.CockroachDb.Diagnostics;
using Actors.Persistence.CockroachDb.Providers;
using Npgsql;
using Polly;
using Polly.Retry;

namespace Actors.Persistence.CockroachDb.Resilience;

/// <summary>
/// Runs one database operation (a whole transaction) under a Polly retry pipeline: exponential backoff with
/// jitter (from <see cref="CockroachRetryOptions.SerializationBaseDelay"/> after a serialization failure, from
/// <see cref="CockroachRetryOptions.BaseDelay"/> after anything else; <see cref="RetryDelay"/>), at most <see cref="CockroachRetryOptions.MaxAttempts"/> attempts, all within
/// <see cref="CockroachRetryOptions.TotalBudget"/>. Only failures that <see cref="PostgresErrorClassifier"/> calls
/// retryable are retried.
/// <para>
/// The budget bounds the whole call, not just the gaps between attempts: each attempt gets the budget that is left
/// as a cancellation token, which the operation passes to everything it may wait on (the pool, a connect, a
/// statement waiting for a lock). The operation decides what it must not cancel: a write's COMMIT is never
/// cancelled, since cancelling a COMMIT in flight would create the very ambiguity the write path works to avoid.
/// </para>
/// </summary>
public sealed class DatabaseRetryExecutor
{
    private static readonly ResiliencePropertyKey<long> StartedAt = new("actors.started-at");

    private readonly ResiliencePipeline _pipeline;
    private readonly TimeSpan _budget;

    /// <summary>
    /// Creates the pipeline. A retry after the server dropped a connection clears the idle pool of
    /// <paramref name="dataSource"/> (<see cref="PostgresErrorClassifier.IsServerDisconnect"/>); no other failure does.
    /// </summary>
    public DatabaseRetryExecutor(CockroachRetryOptions options, NpgsqlDataSource dataSource, CockroachStorageMetrics? metrics)
    {
        var budget = _budget = options.TotalBudget;
        _pipeline = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = Math.Max(0, options.MaxAttempts - 1),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                DelayGenerator = args => ValueTask.FromResult(
                    RetryDelay.AfterSerializationFailure(args.Outcome.Exception, args.AttemptNumber, options, Random.Shared.NextDouble())),
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } e
                    && e is not RetryBudgetExhaustedException
                    && PostgresErrorClassifier.Classify(e) != FailureKind.Fatal
                    && Stopwatch.GetElapsedTime(args.Context.Properties.GetValue(StartedAt, 0L)) < budget),
                OnRetry = args =>
                {
                    var error = args.Outcome.Exception!;
                    metrics?.Retried(PostgresErrorClassifier.Classify(error));
                    if (PostgresErrorClassifier.IsServerDisconnect(error))
                    {
                        // After a node drain or a killed backend the pool's idle connections to it are dead too;
                        // drop them so the retry does not draw another broken one.
                        dataSource.Clear();
                    }

                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    /// <summary>
    /// Runs <paramref name="operation"/> until it succeeds, fails fatally, or retries or the budget are spent.
    /// The budget counts from <paramref name="startedAt"/> (a <see cref="Stopwatch"/> timestamp; default: now), so
    /// time a caller already spent waiting counts too. The token given to <paramref name="operation"/> is cancelled
    /// when the budget runs out; the cancellation then surfaces as a <see cref="RetryBudgetExhaustedException"/>.
    /// </summary>
    public async ValueTask<TResult> ExecuteAsync<TResult, TState>(
        Func<TState, CancellationToken, ValueTask<TResult>> operation,
        TState state,
        long startedAt = 0,
        CancellationToken cancellationToken = default)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(StartedAt, startedAt == 0 ? Stopwatch.GetTimestamp() : startedAt);
        try
        {
            return await _pipeline.ExecuteAsync(
                static (ctx, s) => s.self.AttemptAsync(s.operation, s.state, ctx),
                context,
                (self: this, operation, state)).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private async ValueTask<TResult> AttemptAsync<TResult, TState>(
        Func<TState, CancellationToken, ValueTask<TResult>> operation, TState state, ResilienceContext context)
    {
        var remaining = _budget - Stopwatch.GetElapsedTime(context.Properties.GetValue(StartedAt, 0L));
        if (remaining <= TimeSpan.Zero)
        {
            throw new RetryBudgetExhaustedException(_budget, cause: null);
        }

        using var budget = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
        budget.CancelAfter(remaining);
        try
        {
            return await operation(state, budget.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (budget.IsCancellationRequested && !context.CancellationToken.IsCancellationRequested
                                  && e is OperationCanceledException or NpgsqlException { InnerException: OperationCanceledException or TimeoutException })
        {
            throw new RetryBudgetExhaustedException(_budget, e);
        }
    }
}
