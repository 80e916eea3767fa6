using System.Collections;
using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace Actors.Contracts.Collections;

/// <summary>
/// An immutable dictionary keyed by string (ordinal) that remembers, from each version to the one it was made from,
/// which key the change touched. A storage that wrote an earlier version finds what changed since in the number of
/// changes, not of items (<see cref="TryGetChangesSince"/>): a document's 10,000th annotation costs its write the same
/// as its first. Grain states use it for the collections stored one row per item (docs/storage.md, "Incremental
/// storage").
/// <para>
/// Versions made without a change (<see cref="From"/>, a JSON or Orleans read, a dictionary built anew) start a new
/// history: a storage that cannot trace a version back compares it item by item, so the history only ever saves work.
/// A version keeps at most <see cref="MaxHistory"/> changes behind it, so a grain that changes without writing does
/// not keep every version alive; <see cref="ForgetHistory"/> lets go of them once a version is stored.
/// </para>
/// </summary>
[JsonConverter(typeof(TrackedDictionaryJsonConverterFactory))]
[Immutable]
public sealed class TrackedDictionary<TValue> : IReadOnlyDictionary<string, TValue>
{
    /// <summary>The most changes a version remembers; one more starts a new history.</summary>
    public const int MaxHistory = 1_024;

    private readonly ImmutableDictionary<string, TValue> _items;
    private readonly string? _changedKey;

    // The version this one was made from and how many versions lie behind it. Not part of the value: cut by
    // ForgetHistory (a grain's turn at a time, and a cut only ever makes a later comparison take the long way).
    private TrackedDictionary<TValue>? _previous;
    private int _depth;

    private TrackedDictionary(ImmutableDictionary<string, TValue> items, TrackedDictionary<TValue>? previous, string? changedKey)
    {
        _items = items;
        if (previous is not null && previous._depth < MaxHistory)
        {
            _previous = previous;
            _changedKey = changedKey;
            _depth = previous._depth + 1;
        }
    }

    /// <summary>The empty dictionary: one shared instance, so an idle grain's empty collections cost nothing.</summary>
    public static TrackedDictionary<TValue> Empty { get; } = new(ImmutableDictionary.Create<string, TValue>(StringComparer.Ordinal), null, null);

    /// <summary>A dictionary of <paramref name="items"/>, with no history (a later key wins).</summary>
    public static TrackedDictionary<TValue> From(IEnumerable<KeyValuePair<string, TValue>> items)
    {
        ImmutableDictionary<string, TValue> built;
        if (items is ImmutableDictionary<string, TValue> immutable)
        {
            built = immutable.WithComparers(StringComparer.Ordinal); // the very same dictionary when its keys are ordinal
        }
        else
        {
            var builder = Empty._items.ToBuilder();
            foreach (var (key, value) in items)
            {
                builder[key] = value;
            }

            built = builder.ToImmutable();
        }

        return built.IsEmpty ? Empty : new(built, null, null);
    }

    public int Count => _items.Count;

    public bool IsEmpty => _items.IsEmpty;

    public TValue this[string key] => _items[key];

    public IEnumerable<string> Keys => _items.Keys;

    public IEnumerable<TValue> Values => _items.Values;

    public bool ContainsKey(string key) => _items.ContainsKey(key);

    public bool TryGetValue(string key, out TValue value) => _items.TryGetValue(key, out value!);

    /// <summary>This dictionary with <paramref name="key"/> added.</summary>
    /// <exception cref="ArgumentException">The key is already there with another value.</exception>
    public TrackedDictionary<TValue> Add(string key, TValue value) => Changed(_items.Add(key, value), key);

    /// <summary>This dictionary with <paramref name="key"/> set to <paramref name="value"/>.</summary>
    public TrackedDictionary<TValue> SetItem(string key, TValue value) => Changed(_items.SetItem(key, value), key);

    /// <summary>This dictionary without <paramref name="key"/>.</summary>
    public TrackedDictionary<TValue> Remove(string key) => Changed(_items.Remove(key), key);

    /// <summary>This dictionary without <paramref name="keys"/>.</summary>
    public TrackedDictionary<TValue> RemoveRange(IEnumerable<string> keys)
    {
        var result = this;
        foreach (var key in keys)
        {
            result = result.Remove(key);
        }

        return result;
    }

    /// <summary>
    /// Adds to <paramref name="keys"/> every key changed between <paramref name="earlier"/> and this version, when
    /// this version was made from it by changes this dictionary remembers; false when it was not (then
    /// <paramref name="keys"/> holds some keys, to be ignored). A key may have changed back to the value it had.
    /// </summary>
    public bool TryGetChangesSince(TrackedDictionary<TValue> earlier, ISet<string> keys)
    {
        for (var version = this; version is not null; version = version._previous)
        {
            if (ReferenceEquals(version, earlier))
            {
                return true;
            }

            if (version._previous is not null)
            {
                keys.Add(version._changedKey!);
            }
        }

        return false;
    }

    /// <summary>
    /// Lets go of the versions before this one: a storage calls it on the version it stored, the one it will compare
    /// the next version with, so the versions before are garbage.
    /// </summary>
    public void ForgetHistory()
    {
        if (_previous is not null)
        {
            _previous = null;
            _depth = 0;
        }
    }

    /// <summary>The items as an <see cref="ImmutableDictionary{TKey, TValue}"/> (ordinal keys), without a copy.</summary>
    public ImmutableDictionary<string, TValue> ToImmutableDictionary() => _items;

    public ImmutableDictionary<string, TValue>.Enumerator GetEnumerator() => _items.GetEnumerator();

    IEnumerator<KeyValuePair<string, TValue>> IEnumerable<KeyValuePair<string, TValue>>.GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

    private TrackedDictionary<TValue> Changed(ImmutableDictionary<string, TValue> items, string key)
        => ReferenceEquals(items, _items) ? this : new(items, this, key);
}
