using System.Text.Json;
using Actors.Persistence.CockroachDb.Providers;
using Orleans.Storage;

namespace Actors.Persistence.CockroachDb.Storage;

/// <summary>
/// One read of a grain state (an activation's): its row and, for a state with collections stored per item, its item
/// rows. What an attempt found is cleared before the next attempt, so a retried batch never mixes two attempts' rows.
/// </summary>
internal sealed class GrainRead(GrainStateKey key, ItemCollection[] itemized, IGrainStorageSerializer serializer, long startedAt)
{
    private static readonly ItemLoader[] NoLoaders = [];

    public GrainStateKey Key { get; } = key;

    /// <summary>The collections of the state type stored per item; empty when it has none.</summary>
    public ItemCollection[] Itemized { get; } = itemized;

    /// <summary>When the caller asked for the read (<see cref="System.Diagnostics.Stopwatch"/> timestamp): the retry budget counts from here.</summary>
    public long StartedAt { get; } = startedAt;

    /// <summary>The state row; null when there is none.</summary>
    public GrainStateRow? Row { get; set; }

    /// <summary>One loader per collection in <see cref="Itemized"/>, fed the item rows.</summary>
    public ItemLoader[] Items { get; private set; } = NoLoaders;

    /// <summary>
    /// An item row of this grain state that could not be deserialized: this read fails with it, and the other reads
    /// of its batch do not.
    /// </summary>
    public JsonException? ItemError { get; private set; }

    /// <summary>Forgets what an earlier attempt read; called at the start of every attempt.</summary>
    public void Reset()
    {
        Row = null;
        ItemError = null;
        if (Itemized.Length == 0)
        {
            return;
        }

        var loaders = new ItemLoader[Itemized.Length];
        for (var i = 0; i < Itemized.Length; i++)
        {
            loaders[i] = Itemized[i].CreateLoader(serializer);
        }

        Items = loaders;
    }

    /// <summary>Feeds one item row of <paramref name="collection"/> to its loader; a row that does not deserialize fails this read only.</summary>
    public void AddItem(string collection, string itemKey, ReadOnlyMemory<byte> json)
    {
        if (ItemError is not null)
        {
            return;
        }

        for (var i = 0; i < Itemized.Length; i++)
        {
            if (Itemized[i].Name == collection)
            {
                try
                {
                    Items[i].Add(itemKey, json);
                }
                catch (JsonException e)
                {
                    ItemError = e;
                }

                return;
            }
        }

        // A collection no longer stored per item for this state type: not part of it.
    }
}
