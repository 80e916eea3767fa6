using System.Collections.Concurrent;
using Orleans.Runtime;

namespace Actors.Domain.Tests.Infrastructure;

/// <summary>
/// Drops chosen one-way calls before they reach their grain, as a lost message would: for tests of what happens when a
/// grain is never told (a class's roster signal to a document, say). Nothing is dropped unless a test asks.
/// </summary>
public sealed class GrainCallBlocker : IIncomingGrainCallFilter
{
    private readonly ConcurrentDictionary<(GrainId Grain, string Method), int> _blocked = new();

    /// <summary>Drops every call to <paramref name="method"/> of <paramref name="grain"/> until <see cref="Unblock"/>; counts them.</summary>
    public void Block(GrainId grain, string method) => _blocked[(grain, method)] = 0;

    /// <summary>Lets the calls through again; returns how many were dropped.</summary>
    public int Unblock(GrainId grain, string method) => _blocked.TryRemove((grain, method), out var dropped) ? dropped : 0;

    /// <summary>How many calls to <paramref name="method"/> of <paramref name="grain"/> were dropped so far.</summary>
    public int Dropped(GrainId grain, string method) => _blocked.GetValueOrDefault((grain, method));

    public Task Invoke(IIncomingGrainCallContext context)
    {
        var key = (context.TargetId, context.MethodName);
        if (_blocked.ContainsKey(key))
        {
            _blocked.AddOrUpdate(key, 1, static (_, n) => n + 1);
            return Task.CompletedTask;
        }

        return context.Invoke();
    }
}
