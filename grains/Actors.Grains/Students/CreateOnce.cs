using Actors.Contracts.Collections;
using Actors.Contracts.Errors;
using Actors.Grains.Validation;

namespace Actors.Grains.Students;

/// <summary>Adding a goal or activity under a client-generated id, so that a retried create never makes a second one.</summary>
internal static class CreateOnce
{
    /// <summary>
    /// Adds the item <paramref name="create"/> makes, unless one with the id exists. The same id again is a retry:
    /// it gets the existing item and the list unchanged (no write). The same id with different content is a client
    /// bug (an id reused), which must not silently overwrite: <see cref="ConflictException"/>.
    /// </summary>
    public static (TrackedDictionary<T> Items, T Item) Add<T>(
        TrackedDictionary<T> items, string id, Func<T, bool> isSameRequest, Func<T> create, string entity, int limit)
        where T : class
    {
        if (items.TryGetValue(id, out var existing))
        {
            return isSameRequest(existing)
                ? (items, existing)
                : throw new ConflictException($"The {entity} id '{id}' is already used by a different {entity}.");
        }

        Limits.RoomForOneMore(items.Count, limit, $"the student's {entity} list");
        var item = create();
        return (items.Add(id, item), item);
    }
}
