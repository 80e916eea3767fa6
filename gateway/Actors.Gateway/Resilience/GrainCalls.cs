using Actors.Gateway.Diagnostics;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace Actors.Gateway.Resilience;

/// <summary>
/// Runs the services' idempotent grain calls, retried on silo loss. A call that must not run twice (it counts, or
/// emits a new event each time) is made directly on the grain instead, never through here. Every call gets the gRPC
/// call's cancellation token, so a deadline or a client's cancel reaches the grain.
/// </summary>
internal sealed class GrainCalls
{
    private readonly ResiliencePipeline _retry;

    public GrainCalls(IClusterClient client, IOptions<GrainRetryOptions> options, GatewayMetrics metrics)
    {
        Client = client;
        var o = options.Value;
        _retry = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(TransientFailures.IsTransient),
                MaxRetryAttempts = o.MaxRetries,
                Delay = o.FirstDelay,
                MaxDelay = o.MaxDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                OnRetry = args =>
                {
                    metrics.GrainCallRetried(args.Outcome.Exception);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    public IClusterClient Client { get; }

    /// <summary>
    /// A call whose repetition has the effect of one (a read, a create under a client id, a set to a value): retried
    /// while the cluster loses a silo, until it succeeds, fails for a non-transient reason, or runs out of retries.
    /// </summary>
    public async Task<T> Idempotent<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
        => await _retry.ExecuteAsync(static async (call, ct) => await call(ct), call, cancellationToken);

    /// <inheritdoc cref="Idempotent{T}(Func{CancellationToken, Task{T}}, CancellationToken)"/>
    public Task Idempotent(Func<CancellationToken, Task> call, CancellationToken cancellationToken)
        => _retry.ExecuteAsync(static async (call, ct) => await call(ct), call, cancellationToken).AsTask();
}
