using System.Runtime.CompilerServices;
using Actors.Persistence.CockroachDb.Providers;
using Orleans;
using Orleans.Storage;

namespace Actors.Persistence.CockroachDb.Storage;

/// <summary>
/// The state types with collections stored per item, and, per grain activation, what its item rows hold: the
/// collection objects last read or written. A write compares the state's collections with these by reference and
/// sends only the items that differ. They are kept against the activation's <see cref="IGrainState{T}"/> object (the
/// one Orleans passes to every read and write of an activation), so they go when the activation goes; a state
/// object the provider has not read or written before gets a replacing write (clear the item rows, write them all).
/// </summary>
internal sealed class ItemizedStates
{
    private readonly Dictionary<Type, ItemCollection[]> _byType;
    private readonly ConditionalWeakTable<object, object[]> _stored = [];

    // Per state type, "no item rows" (each collection's shared empty instance): remembered for every grain that has
    // none (most, most of the time) as this one array rather than an array of its own per activation.
    private readonly Dictionary<Type, object[]> _none;

    public ItemizedStates(IEnumerable<ItemCollection> collections)
    {
        _byType = collections.GroupBy(c => c.StateType).ToDictionary(g => g.Key, g => g.ToArray());
        _none = _byType.ToDictionary(t => t.Key, t => t.Value.Select(c => c.Empty).ToArray());
    }

    public bool Any => _byType.Count > 0;

    /// <summary>The collections of <paramref name="stateType"/> stored per item (empty: it is stored whole).</summary>
    public ItemCollection[] For(Type stateType) => _byType.GetValueOrDefault(stateType) ?? [];

    /// <summary>
    /// Splits <paramref name="state"/> into the state row (its collections emptied) and item changes; returns what the
    /// item rows will hold once the write committed (<see cref="Remember"/> it then).
    /// </summary>
    public object[] Split(ItemCollection[] itemized, object grainState, object state, IGrainStorageSerializer serializer, out object row, out List<ItemChange> changes, out bool replace)
    {
        replace = !_stored.TryGetValue(grainState, out var stored);
        changes = [];
        var after = new object[itemized.Length];
        row = state;
        for (var i = 0; i < itemized.Length; i++)
        {
            after[i] = itemized[i].Diff(state, replace ? null : stored![i], serializer, changes);
            row = itemized[i].Strip(row);
        }

        return after;
    }

    /// <summary>
    /// What the item rows of <paramref name="grainState"/>'s grain (its state a <paramref name="stateType"/>) hold now;
    /// <paramref name="stored"/> is never changed afterwards (it may be shared).
    /// </summary>
    public void Remember(Type stateType, object grainState, object[] stored) => _stored.AddOrUpdate(grainState, NoneIfEmpty(stateType, stored));

    /// <summary>No item rows (after a clear, or a read of a grain that has none).</summary>
    public void RememberEmpty(Type stateType, object grainState) => _stored.AddOrUpdate(grainState, _none[stateType]);

    /// <summary>The shared "no item rows" of <paramref name="stateType"/> when <paramref name="stored"/> says just that.</summary>
    private object[] NoneIfEmpty(Type stateType, object[] stored)
    {
        if (!_none.TryGetValue(stateType, out var none) || none.Length != stored.Length)
        {
            return stored;
        }

        for (var i = 0; i < stored.Length; i++)
        {
            if (!ReferenceEquals(stored[i], none[i]))
            {
                return stored;
            }
        }

        return none;
    }
}
