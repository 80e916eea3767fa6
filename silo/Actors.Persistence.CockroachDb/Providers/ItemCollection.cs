using Actors.Contracts.Collections;
using Actors.Persistence.CockroachDb.Storage;
using Orleans.Storage;

namespace Actors.Persistence.CockroachDb.Providers;

/// <summary>
/// A keyed collection inside a grain state that is stored one row per item (table <c>{TableName}_items</c>) instead
/// of inside the state's row, so a write carries only the items that changed: adding one annotation to a document
/// of 10,000 writes one item row and the small rest of the state, not 10,000 annotations. Register with
/// <see cref="CockroachGrainStorageOptions.StoreItemsSeparately{TState, TItem}"/>. See docs/storage.md,
/// "Incremental storage".
/// <para>
/// The contract: items are immutable — a changed item is a new object (a record <c>with</c>), never one mutated in
/// place — because changes are found by reference against what was last stored. The state's setter returns a new
/// state and leaves the one given alone. The collection is a <see cref="TrackedDictionary{TValue}"/>: a version made
/// from the stored one by its own changes names the keys it changed, so a write looks at those alone; any other
/// version is compared item by item.
/// </para>
/// </summary>
public abstract class ItemCollection
{
    private protected ItemCollection(string name) => Name = name;

    /// <summary>The collection's name in the items table (column <c>collection</c>), e.g. <c>annotations</c>.</summary>
    public string Name { get; }

    /// <summary>The grain state type that holds the collection.</summary>
    public abstract Type StateType { get; }

    /// <summary>The state without this collection's items (what goes into the state row).</summary>
    internal abstract object Strip(object state);

    /// <summary>
    /// The items of <paramref name="state"/> that differ from <paramref name="stored"/> (what the items table holds,
    /// as returned by an earlier <see cref="Diff"/> or <see cref="ItemLoader.Merge"/>; null: unknown, so every item is written
    /// after the stored ones are cleared). Returns what will be stored once the write committed.
    /// </summary>
    internal abstract object Diff(object state, object? stored, IGrainStorageSerializer serializer, List<ItemChange> changes);

    /// <summary>
    /// A loader for this collection's item rows, fed one row at a time while they are read from the database, so an
    /// item's JSON goes from the connection's buffer straight into the item (no string, no list of rows).
    /// </summary>
    internal abstract ItemLoader CreateLoader(IGrainStorageSerializer serializer);

    /// <summary>What the items table holds for a grain with no item rows.</summary>
    internal abstract object Empty { get; }
}

/// <summary>An <see cref="ItemCollection"/> of <typeparamref name="TItem"/> keyed by string inside <typeparamref name="TState"/>.</summary>
public sealed class ItemCollection<TState, TItem>(
    string name,
    Func<TState, TrackedDictionary<TItem>?> get,
    Func<TState, TrackedDictionary<TItem>, TState> set) : ItemCollection(name)
    where TItem : class
{
    private static TrackedDictionary<TItem> None => TrackedDictionary<TItem>.Empty;

    /// <inheritdoc />
    public override Type StateType => typeof(TState);

    internal override object Empty => None;

    internal override object Strip(object state) => set((TState)state, None)!;

    private TrackedDictionary<TItem>? Get(TState state) => get(state);

    private TState Set(TState state, TrackedDictionary<TItem> items) => set(state, items);

    internal override object Diff(object state, object? stored, IGrainStorageSerializer serializer, List<ItemChange> changes)
    {
        var current = get((TState)state) ?? None;
        var before = stored as TrackedDictionary<TItem>;
        if (before is not null && ReferenceEquals(current, before))
        {
            // The very collection last stored: immutable, so not one item changed. Most writes leave most collections
            // alone (a document's add, its tombstones; a goal update, a student's reflections).
            return before;
        }

        var changedKeys = new HashSet<string>(StringComparer.Ordinal);
        if (before is not null && current.TryGetChangesSince(before, changedKeys))
        {
            // Made from the stored collection by changes it remembers: look at those keys only, so a write costs the
            // change whatever the collection holds (docs/storage.md, "Finding the changes").
            foreach (var key in changedKeys)
            {
                AddChange(key, current, before, serializer, changes);
            }
        }
        else
        {
            // Not traceable (its first write after activation, a collection built anew, a history too long or cut):
            // every key of both.
            foreach (var (key, _) in current)
            {
                AddChange(key, current, before, serializer, changes);
            }

            if (before is not null)
            {
                foreach (var (key, _) in before)
                {
                    if (!current.ContainsKey(key))
                    {
                        changes.Add(new ItemChange(Name, key, Json: null));
                    }
                }
            }
        }

        // What the item rows hold once this write committed; the next write compares with it, so what came before it
        // can go.
        current.ForgetHistory();
        return current;
    }

    /// <summary>The change of <paramref name="key"/> between <paramref name="before"/> (null: nothing stored) and <paramref name="current"/>, if any.</summary>
    private void AddChange(string key, TrackedDictionary<TItem> current, TrackedDictionary<TItem>? before, IGrainStorageSerializer serializer, List<ItemChange> changes)
    {
        var stored = default(TItem);
        var wasStored = before is not null && before.TryGetValue(key, out stored);
        if (current.TryGetValue(key, out var item))
        {
            if (!wasStored || !ReferenceEquals(stored, item))
            {
                // Unchanged items are the very same objects (immutable items that did not change).
                changes.Add(new ItemChange(Name, key, serializer.Serialize(item).ToString()));
            }
        }
        else if (wasStored)
        {
            changes.Add(new ItemChange(Name, key, Json: null));
        }
    }

    internal override ItemLoader CreateLoader(IGrainStorageSerializer serializer) => new Loader(this, serializer);

    /// <summary>Builds the stored items, then lays them over the state read from the state row.</summary>
    private sealed class Loader(ItemCollection<TState, TItem> collection, IGrainStorageSerializer serializer) : ItemLoader
    {
        private readonly List<KeyValuePair<string, TItem>> _items = [];

        public override void Add(string key, ReadOnlyMemory<byte> json)
            => _items.Add(new(key, serializer.Deserialize<TItem>(new BinaryData(json))
                ?? throw new InvalidOperationException($"Item '{key}' of collection '{collection.Name}' is stored as JSON null.")));

        public override (object State, object Stored) Merge(object state)
        {
            var typed = (TState)state;
            if (_items.Count == 0)
            {
                // Nothing stored per item: either none, or a row from before (its items are written as rows on the next write).
                return (typed!, None);
            }

            var stored = TrackedDictionary<TItem>.From(_items);
            var legacy = collection.Get(typed);
            if (legacy is not { Count: > 0 })
            {
                return (collection.Set(typed, stored)!, stored);
            }

            // Cannot arise from this provider (every write empties the collection in the state row); be safe anyway:
            // the item rows win, and the state row's other items are written as rows on the next write.
            var merged = stored;
            foreach (var (key, item) in legacy)
            {
                if (!merged.ContainsKey(key))
                {
                    merged = merged.Add(key, item);
                }
            }

            return (collection.Set(typed, merged)!, stored);
        }
    }
}

/// <summary>Collects one collection's item rows as they are read (<see cref="ItemCollection.CreateLoader"/>).</summary>
internal abstract class ItemLoader
{
    /// <summary>One item row: its key and its JSON as UTF-8 (valid only during the call).</summary>
    public abstract void Add(string key, ReadOnlyMemory<byte> json);

    /// <summary>
    /// <paramref name="state"/> (read from the state row: a row written before this collection was stored per item
    /// still holds its items) with the item rows laid over it. Returns the state and what the items table holds.
    /// </summary>
    public abstract (object State, object Stored) Merge(object state);
}
