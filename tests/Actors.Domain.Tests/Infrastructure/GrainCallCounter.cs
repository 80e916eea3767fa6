using System.Collections.Concurrent;
using Orleans.Runtime;

namespace Actors.Domain.Tests.Infrastructure;

/// <summary>
/// Counts the calls that have entered each grain method in the test silo: a barrier for tests that must know
/// every concurrent call has reached the grain (and, on a reentrant grain, queued) before letting things go on.
/// </summary>
public sealed class GrainCallCounter : IIncomingGrainCallFilter
{
    private readonly ConcurrentDictionary<(GrainId Grain, string Method), int> _entered = new();

    /// <summary>Calls to <paramref name="method"/> of <paramref name="grain"/> that have started.</summary>
    public int Entered(GrainId grain, string method) => _entered.GetValueOrDefault((grain, method));

    public Task Invoke(IIncomingGrainCallContext context)
    {
        _entered.AddOrUpdate((context.TargetId, context.MethodName), 1, static (_, n) => n + 1);
        return context.Invoke();
    }
}
