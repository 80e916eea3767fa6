using System.Runtime.CompilerServices;
using Actors.Contracts.Collections;
using Actors.Grains.Validation;

namespace Actors.Grains.Students;

/// <summary>
/// A student's stored size (<see cref="StoredSize"/>) without serializing every item on every change: the state row
/// is measured afresh (it is small), each item once — items are immutable, so an item's size is remembered with the
/// item object and a change measures only the new objects it made. Counts each item as it appears in the state's JSON
/// (<c>"key":{…},</c>), so the total is the size of the whole state written as one row.
/// </summary>
internal static class StudentSize
{
    private static readonly ConditionalWeakTable<object, StrongBox<long>> ItemSizes = new();

    public static long Of(StudentState state)
    {
        var row = state with
        {
            Goals = StudentItemsJson.Empty<Contracts.Students.Goal>(),
            Activities = StudentItemsJson.Empty<Contracts.Students.Activity>(),
            Reflections = StudentItemsJson.Empty<Contracts.Students.Reflection>(),
            PageViews = StudentItemsJson.Empty<PageViewCount>(),
        };
        return StoredSize.Of(row) + Items(state.Goals) + Items(state.Activities) + Items(state.Reflections) + Items(state.PageViews);
    }

    private static long Items<T>(TrackedDictionary<T> items)
        where T : class
    {
        var sum = 0L;
        foreach (var (key, item) in items)
        {
            if (!ItemSizes.TryGetValue(item, out var size))
            {
                size = new StrongBox<long>(StoredSize.Of(key) + 1 + StoredSize.Of(item) + 1); // "key":{…},
                ItemSizes.AddOrUpdate(item, size);
            }

            sum += size.Value;
        }

        return sum;
    }
}
