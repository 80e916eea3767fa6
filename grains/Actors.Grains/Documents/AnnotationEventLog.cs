using Actors.Contracts.Documents;

namespace Actors.Grains.Documents;

/// <summary>
/// The last durable annotation events of one document activation, in a ring, and a signal watchers wait on.
/// Watchers read it by sequence number rather than each having a queue, so a slow watcher costs no memory and a
/// resuming watcher catches up from the same ring. It lives in memory only: a new activation starts empty at the
/// stored sequence number, and a watcher further behind than the ring reaches gets a snapshot instead.
/// </summary>
internal sealed class AnnotationEventLog
{
    private readonly AnnotationEvent[] _ring;
    private int _count;
    private bool _closed;
    private TaskCompletionSource _appended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <param name="capacity">How many events to keep.</param>
    /// <param name="lastSequence">The sequence number of the last change already durable when the log starts.</param>
    public AnnotationEventLog(int capacity, long lastSequence)
    {
        _ring = new AnnotationEvent[Math.Max(1, capacity)];
        LastSequence = lastSequence;
    }

    /// <summary>The sequence number of the newest event (or of the starting point).</summary>
    public long LastSequence { get; private set; }

    /// <summary>Completes at the next append (or close); take it before reading, so nothing slips in between.</summary>
    public Task Appended => _appended.Task;

    /// <summary>True once the activation is going away: watchers should end and reconnect.</summary>
    public bool IsClosed => _closed;

    /// <summary>Adds the events of one durable write (consecutive sequence numbers) and wakes the watchers. Never throws.</summary>
    public void Append(IReadOnlyList<AnnotationEvent> events)
    {
        foreach (var e in events)
        {
            if (e.Sequence != LastSequence + 1)
            {
                // Never expected (the group commit numbers changes consecutively). Forget the past rather than serve
                // a gap: watchers behind this point get a snapshot.
                _count = 0;
            }

            _ring[(int)(e.Sequence % _ring.Length)] = e;
            LastSequence = e.Sequence;
            _count = Math.Min(_count + 1, _ring.Length);
        }

        Wake();
    }

    /// <summary>
    /// Copies the events after <paramref name="afterSequence"/> into <paramref name="into"/>; false if the ring no
    /// longer (or never) held them all, or if <paramref name="afterSequence"/> is ahead of the document.
    /// </summary>
    public bool TryCopyAfter(long afterSequence, List<AnnotationEvent> into)
    {
        if (afterSequence > LastSequence || afterSequence < LastSequence - _count)
        {
            return false;
        }

        for (var sequence = afterSequence + 1; sequence <= LastSequence; sequence++)
        {
            into.Add(_ring[(int)(sequence % _ring.Length)]);
        }

        return true;
    }

    /// <summary>Ends the watches: the activation is deactivating.</summary>
    public void Close()
    {
        _closed = true;
        Wake();
    }

    private void Wake()
    {
        var appended = _appended;
        _appended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        appended.TrySetResult();
    }
}
