using System.Collections.Immutable;
using Actors.Contracts.Collections;
using Actors.Contracts.Errors;

namespace Actors.Grains.Persistence;

/// <summary>Finding the item a request names in a state's list.</summary>
internal static class ItemLookup
{
    /// <summary>The index of the item matching <paramref name="match"/>; <see cref="NotFoundException"/> for <paramref name="entity"/> <paramref name="id"/> if none does.</summary>
    public static int IndexOrNotFound<T>(this ImmutableList<T> items, Predicate<T> match, string entity, string id)
    {
        var index = items.FindIndex(match);
        return index >= 0 ? index : throw new NotFoundException(entity, id);
    }

    /// <summary>The item keyed <paramref name="id"/>; <see cref="NotFoundException"/> for <paramref name="entity"/> <paramref name="id"/> if there is none.</summary>
    public static T GetOrNotFound<T>(this TrackedDictionary<T> items, string id, string entity)
        => items.TryGetValue(id, out var item) ? item : throw new NotFoundException(entity, id);
}
