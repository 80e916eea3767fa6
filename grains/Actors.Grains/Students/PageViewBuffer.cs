using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Actors.Contracts;
using Actors.Contracts.Collections;

namespace Actors.Grains.Students;

/// <summary>
/// Page views counted in memory between writes. Views are high-frequency analytics: a write per view would cost
/// a database transaction per page load, so the grain counts here and folds the counts into its next write. The
/// request ids of the counted views are kept with them, so a retried view is recognised before and after the write.
/// </summary>
internal sealed class PageViewBuffer
{
    private readonly Dictionary<string, long> _pending = new(StringComparer.Ordinal);
    private readonly List<string> _requestIds = [];
    private readonly HashSet<string> _requestIdSet = new(StringComparer.Ordinal);

    /// <summary>Views counted since the last successful write.</summary>
    public long Count { get; private set; }

    /// <summary>True when a view with <paramref name="requestId"/> is counted here (not written yet).</summary>
    public bool Holds(string requestId) => _requestIdSet.Contains(requestId);

    /// <summary>Counts one view. Distinct pages are bounded like the stored counts, so memory is too.</summary>
    public void Add(string page, string? requestId)
    {
        var key = _pending.Count < DomainLimits.DistinctPagesPerStudent || _pending.ContainsKey(page) ? page : DomainLimits.OtherPagesKey;
        CollectionsMarshal.GetValueRefOrAddDefault(_pending, key, out _)++;
        Count++;
        if (requestId is not null && _requestIdSet.Add(requestId))
        {
            _requestIds.Add(requestId);
        }
    }

    /// <summary>Forgets the counted views: call once they are written.</summary>
    public void Clear()
    {
        _pending.Clear();
        _requestIds.Clear();
        _requestIdSet.Clear();
        Count = 0;
    }

    /// <summary>
    /// <paramref name="totals"/> plus the counted views: a new count for each page with views here, the others the
    /// same objects (so storage writes only the pages that changed).
    /// </summary>
    public TrackedDictionary<PageViewCount> AddTo(TrackedDictionary<PageViewCount> totals)
    {
        if (Count == 0)
        {
            return totals;
        }

        var merged = totals;
        foreach (var (page, views) in _pending)
        {
            // Beyond the limit, new pages are counted together: the state (written whole) must stay bounded.
            var key = merged.ContainsKey(page) || merged.Count < DomainLimits.DistinctPagesPerStudent ? page : DomainLimits.OtherPagesKey;
            merged = merged.SetItem(key, new PageViewCount((merged.TryGetValue(key, out var counted) ? counted.Count : 0) + views));
        }

        return merged;
    }

    /// <summary>The last <see cref="DomainLimits.RememberedPageViewsPerStudent"/> of <paramref name="written"/> and the ids counted here.</summary>
    public ImmutableList<string> AddRequestIdsTo(ImmutableList<string> written)
    {
        if (_requestIds.Count == 0)
        {
            return written;
        }

        var all = written.AddRange(_requestIds);
        return all.Count <= DomainLimits.RememberedPageViewsPerStudent ? all : all.RemoveRange(0, all.Count - DomainLimits.RememberedPageViewsPerStudent);
    }
}
