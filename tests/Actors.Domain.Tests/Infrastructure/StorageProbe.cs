using System.Collections.Concurrent;
using Actors.Persistence.CockroachDb.Storage;
using Orleans.Runtime;

namespace Actors.Domain.Tests.Infrastructure;

/// <summary>
/// What the test silo's storage did, per grain: completed writes (to count group commits) and failures to inject
/// (to interrupt a multi-grain operation between two steps). One per silo, shared by <see cref="ProbedGrainStorage"/>.
/// </summary>
public sealed class StorageProbe
{
    private readonly ConcurrentDictionary<GrainId, int> _writes = new();
    private readonly ConcurrentDictionary<GrainId, (int Skip, int Fail)> _failuresToInject = new();
    private readonly ConcurrentDictionary<GrainId, TaskCompletionSource> _held = new();
    private readonly ConcurrentDictionary<GrainId, TaskCompletionSource> _reachedHold = new();

    /// <summary>Writes of <paramref name="grain"/> that reached the database and committed.</summary>
    public int WritesOf(GrainId grain) => _writes.GetValueOrDefault(grain);

    /// <summary>
    /// After letting <paramref name="skip"/> writes of <paramref name="grain"/> through, the next <paramref name="count"/>
    /// fail before reaching the database.
    /// </summary>
    public void FailNextWrites(GrainId grain, int count = 1, int skip = 0) => _failuresToInject[grain] = (skip, count);

    /// <summary>
    /// Holds the next write of <paramref name="grain"/> (as a slow database would) until the returned source is
    /// completed: what queues behind it meanwhile is then known exactly.
    /// </summary>
    public TaskCompletionSource HoldNextWrite(GrainId grain)
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _reachedHold[grain] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _held[grain] = release;
        return release;
    }

    /// <summary>Completes once the write held by <see cref="HoldNextWrite"/> has reached the hold: the barrier for "it is being written now".</summary>
    public Task WhenWriteHeld(GrainId grain) => _reachedHold[grain].Task;

    /// <summary>
    /// Waits while a write of <paramref name="grain"/> is held; then throws the error the real provider throws when
    /// the database cannot be reached, if a failure is armed. A failed write never happened: exactly a crash
    /// between two steps.
    /// </summary>
    internal async Task BeforeWriteAsync(GrainId grain)
    {
        if (_held.TryRemove(grain, out var release))
        {
            _reachedHold[grain].TrySetResult();
            await release.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }

        while (_failuresToInject.TryGetValue(grain, out var armed) && armed.Fail > 0)
        {
            var next = armed.Skip > 0 ? (armed.Skip - 1, armed.Fail) : (0, armed.Fail - 1);
            if (!_failuresToInject.TryUpdate(grain, next, armed))
            {
                continue; // another write of the same grain got there first: look again
            }

            if (armed.Skip == 0)
            {
                throw new CockroachStorageException($"Injected storage failure writing {grain}.", isTransient: true, sqlState: "08006");
            }

            return; // this write is one of those let through
        }
    }

    internal void Written(GrainId grain) => _writes.AddOrUpdate(grain, 1, static (_, n) => n + 1);
}
