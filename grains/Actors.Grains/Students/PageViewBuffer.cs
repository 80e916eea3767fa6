using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Actors.Contracts;

namespace Actors.Grains.Students;

/// <summary>
/// Page views counted in memory between writes. Views are high-frequency analytics: a write per view would cost
/// a database transaction per page load, so the grain counts here and folds the counts into its next write.
/// </summary>
internal sealed class PageViewBuffer
{
    private readonly Dictionary<string, long> _pending = new(StringComparer.Ordinal);

    /// <summary>Views counted since the last successful write.</summary>
    public long Count { get; private set; }

    /// <summary>Counts one view. Distinct pages are bounded like the stored counts, so memory is too.</summary>
    public void Add(string page)
    {
        var key = _pending.Count < DomainLimits.DistinctPagesPerStudent || _pending.ContainsKey(page) ? page : DomainLimits.OtherPagesKey;
        CollectionsMarshal.GetValueRefOrAddDefault(_pending, key, out _)++;
        Count++;
    }

    /// <summary>Forgets the counted views: call once they are written.</summary>
    public void Clear()
    {
        _pending.Clear();
        Count = 0;
    }

    /// <summary><paramref name="totals"/> plus the counted views.</summary>
    public ImmutableDictionary<string, long> AddTo(ImmutableDictionary<string, long> totals)
    {
        if (Count == 0)
        {
            return totals;
        }

        var merged = totals.ToBuilder();
        foreach (var (page, views) in _pending)
        {
            // Beyond the limit, new pages are counted together: the state (written whole) must stay bounded.
            var key = merged.ContainsKey(page) || merged.Count < DomainLimits.DistinctPagesPerStudent ? page : DomainLimits.OtherPagesKey;
            merged[key] = merged.GetValueOrDefault(key) + views;
        }

        return merged.ToImmutable();
    }
}
