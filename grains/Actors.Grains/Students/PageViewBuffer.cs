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

    /// <summary>
    /// <paramref name="written"/> plus the ids counted here, keeping the last
    /// <see cref="DomainLimits.RememberedPageViewsPerStudent"/> in the order written: each id added is a new item,
    /// the oldest beyond the bound are removed, the others stay the same objects (storage writes only what changed).
    /// </summary>
    public TrackedDictionary<PageViewRequest> AddRequestIdsTo(TrackedDictionary<PageViewRequest> written)
    {
        if (_requestIds.Count == 0)
        {
            return written;
        }

        var next = written.IsEmpty ? 0 : written.Values.Max(r => r.Order) + 1;
        var all = written;
        foreach (var requestId in _requestIds)
        {
            all = all.SetItem(requestId, new PageViewRequest(next++));
        }

        var excess = all.Count - DomainLimits.RememberedPageViewsPerStudent;
        return excess <= 0 ? all : all.RemoveRange([.. all.OrderBy(r => r.Value.Order).Take(excess).Select(r => r.Key)]);
    }
}
