using Orleans.Runtime;

namespace Actors.Grains.Persistence;

/// <summary>
/// Group commit for one grain's immutable state. Changes are queued; a single writer applies everything queued
/// to the last committed state and persists the result in one storage write, while changes arriving during that
/// write queue up for the next one. So N concurrent changes cost a handful of writes instead of N.
/// <list type="bullet">
/// <item>A caller's task completes only after the write that carries its change is durable: acknowledged means durable.</item>
/// <item>A change that is refused (its function throws) fails alone; the rest of its group goes ahead.</item>
/// <item>A failed write fails exactly the changes it carried and leaves <see cref="Committed"/> — what the grain
/// serves — as it was, which is what storage still holds. Later changes are applied afresh to that state.</item>
/// </list>
/// It relies on the grain's single-threaded scheduler (everything here runs on it) and on the grain being
/// reentrant, so that calls can queue while a write is awaited. Change functions must be pure: they may run on
/// a state that is then discarded.
/// </summary>
internal sealed class GroupCommit<TState, TEvent>
    where TState : class
{
    private readonly IPersistentState<TState> _storage;
    private readonly int _maxChangesPerWrite;
    private readonly Action<IReadOnlyList<TEvent>> _onCommitted;
    private readonly Action<Exception, int> _onWriteFailed;
    private List<PendingChange> _queue = [];
    private Task _writer = Task.CompletedTask;

    /// <param name="storage">The grain's state; its <c>State</c> is what was last read or written.</param>
    /// <param name="maxChangesPerWrite">Most changes in one write.</param>
    /// <param name="onCommitted">Receives the events of each durable write, in order, before its callers resume.</param>
    /// <param name="onWriteFailed">Told of each failed write and how many changes it failed.</param>
    public GroupCommit(IPersistentState<TState> storage, int maxChangesPerWrite, Action<IReadOnlyList<TEvent>> onCommitted, Action<Exception, int> onWriteFailed)
    {
        _storage = storage;
        _maxChangesPerWrite = Math.Max(1, maxChangesPerWrite);
        _onCommitted = onCommitted;
        _onWriteFailed = onWriteFailed;
        Committed = storage.State;
    }

    /// <summary>The state as storage holds it: read from here, never from a state being written.</summary>
    public TState Committed { get; private set; }

    /// <summary>Completes when every queued change has been written (or failed).</summary>
    public Task WhenIdle => _writer;

    /// <summary>
    /// Queues a change. <paramref name="change"/> receives the state to change (the committed state plus the
    /// changes before it in the same group) and a list to append its events to; it returns the new state (the
    /// same instance if nothing changes) and the caller's result, or throws to refuse.
    /// </summary>
    public Task<TResult> Submit<TResult>(Func<TState, List<TEvent>, Outcome<TState, TResult>> change)
    {
        var pending = new PendingChange<TResult>(change);
        _queue.Add(pending);
        if (_writer.IsCompleted)
        {
            _writer = WriteLoopAsync();
        }

        return pending.Task;
    }

    private async Task WriteLoopAsync()
    {
        var events = new List<TEvent>();
        while (_queue.Count > 0)
        {
            var group = TakeGroup();
            var working = Committed;
            var carried = new List<PendingChange>(group.Count);
            events.Clear();
            foreach (var change in group)
            {
                var eventsBefore = events.Count;
                try
                {
                    working = change.Apply(working, events);
                    carried.Add(change);
                }
                catch (Exception e)
                {
                    events.RemoveRange(eventsBefore, events.Count - eventsBefore);
                    change.Fail(e);
                }
            }

            if (ReferenceEquals(working, Committed))
            {
                // Nothing to write (refusals, repeats of changes already durable): answer at once.
                carried.ForEach(c => c.Complete());
                continue;
            }

            _storage.State = working;
            try
            {
                await _storage.WriteStateAsync();
            }
            catch (Exception e)
            {
                _storage.State = Committed;
                _onWriteFailed(e, carried.Count);
                carried.ForEach(c => c.Fail(e));
                continue;
            }

            Committed = working;
            try
            {
                if (events.Count > 0)
                {
                    _onCommitted(events.ToArray());
                }
            }
            finally
            {
                // Durable is durable: the callers are answered whatever the notification did.
                carried.ForEach(c => c.Complete());
            }
        }
    }

    private List<PendingChange> TakeGroup()
    {
        if (_queue.Count <= _maxChangesPerWrite)
        {
            var all = _queue;
            _queue = [];
            return all;
        }

        var group = _queue.GetRange(0, _maxChangesPerWrite);
        _queue.RemoveRange(0, _maxChangesPerWrite);
        return group;
    }

    private abstract class PendingChange
    {
        public abstract TState Apply(TState state, List<TEvent> events);

        public abstract void Complete();

        public abstract void Fail(Exception error);
    }

    private sealed class PendingChange<TResult>(Func<TState, List<TEvent>, Outcome<TState, TResult>> change) : PendingChange
    {
        // Continuations run asynchronously: completing a caller must not run its code inside the write loop.
        private readonly TaskCompletionSource<TResult> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private TResult? _result;

        public Task<TResult> Task => _done.Task;

        public override TState Apply(TState state, List<TEvent> events)
        {
            var outcome = change(state, events);
            _result = outcome.Result;
            return outcome.State;
        }

        public override void Complete() => _done.TrySetResult(_result!);

        public override void Fail(Exception error) => _done.TrySetException(error);
    }
}
