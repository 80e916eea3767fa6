using Actors.Contracts;

namespace Actors.Grains.Documents;

/// <summary>
/// What a document remembers of the classes it is shared with: which callers a class said it opens the document
/// to, and when. It keeps the hot path — an annotation by a class member — inside the document grain: only the
/// first call of a member (and one per <see cref="TrustFor"/> after it) asks the class.
/// <para>
/// Only grants are remembered, never refusals, so gaining access (an accepted invitation) is seen at once. Losing
/// it is seen when the class says its roster changed (<see cref="Forget"/>, through <c>IDocumentAccessSignals</c>),
/// when the document's own sharing changes (<see cref="Keep"/>), or when the grant is older than
/// <see cref="TrustFor"/> — the bound on staleness if the class's signal is lost. Every change raises
/// <see cref="Changed"/>, which wakes watchers to re-check.
/// </para>
/// </summary>
internal sealed class ClassAccessCache(TimeProvider time, TimeSpan trustFor)
{
    /// <summary>Most grants kept; beyond it everything is forgotten (and asked again), which bounds memory.</summary>
    private const int MaxGrants = 10_000;

    private readonly Dictionary<string, Dictionary<(CallerRole Role, string UserId), DateTimeOffset>> _grants = new(StringComparer.Ordinal);
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _count;

    /// <summary>How long a class's grant is trusted without asking the class again.</summary>
    public TimeSpan TrustFor => trustFor;

    /// <summary>Completes at the next change of what is known; take it before re-checking, so nothing slips in between.</summary>
    public Task Changed => _changed.Task;

    /// <summary>Counts changes, so a watcher can tell whether it must re-check.</summary>
    public long Version { get; private set; }

    /// <summary>True when class <paramref name="classId"/> granted <paramref name="caller"/> access less than <see cref="TrustFor"/> ago.</summary>
    public bool IsGranted(string classId, Caller caller)
        => _grants.TryGetValue(classId, out var grants)
            && grants.TryGetValue((caller.Role, caller.UserId), out var at)
            && time.GetUtcNow() - at < trustFor;

    /// <summary>Remembers that class <paramref name="classId"/> granted <paramref name="caller"/> access now.</summary>
    public void Grant(string classId, Caller caller)
    {
        if (_count >= MaxGrants)
        {
            _grants.Clear();
            _count = 0;
        }

        if (!_grants.TryGetValue(classId, out var grants))
        {
            _grants[classId] = grants = [];
        }

        if (grants.TryAdd((caller.Role, caller.UserId), time.GetUtcNow()))
        {
            _count++;
        }
        else
        {
            grants[(caller.Role, caller.UserId)] = time.GetUtcNow();
        }
    }

    /// <summary>The class's roster changed: forget its grants and wake the watchers.</summary>
    public void Forget(string classId)
    {
        if (_grants.Remove(classId, out var grants))
        {
            _count -= grants.Count;
        }

        Raise();
    }

    /// <summary>The document's sharing changed: forget classes it is no longer shared with and wake the watchers.</summary>
    public void Keep(IReadOnlyCollection<string> sharedClassIds)
    {
        foreach (var classId in _grants.Keys.Where(c => !sharedClassIds.Contains(c)).ToList())
        {
            _count -= _grants[classId].Count;
            _grants.Remove(classId);
        }

        Raise();
    }

    private void Raise()
    {
        Version++;
        var changed = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        changed.TrySetResult();
    }
}
