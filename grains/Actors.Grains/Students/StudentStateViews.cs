using Actors.Contracts.Collections;
using Actors.Contracts.Students;

namespace Actors.Grains.Students;

/// <summary>
/// A student's keyed collections as the API lists them: in the order they were created — the order of the lists
/// they were before schema 4 — by creation time, ties by id (ordinal), so every silo lists them alike.
/// </summary>
internal static class StudentStateViews
{
    public static IReadOnlyList<Goal> GoalsInOrder(this StudentState state)
        => [.. state.Goals.Values.OrderBy(g => g.CreatedAt).ThenBy(g => g.Id, StringComparer.Ordinal)];

    public static IReadOnlyList<Activity> ActivitiesInOrder(this StudentState state)
        => [.. state.Activities.Values.OrderBy(a => a.CommittedAt).ThenBy(a => a.Id, StringComparer.Ordinal)];

    public static IReadOnlyList<Reflection> ReflectionsInOrder(this StudentState state, Func<Reflection, bool>? visible = null)
        => [.. state.Reflections.Values.Where(visible ?? (_ => true)).OrderBy(r => r.WrittenAt).ThenBy(r => r.Id, StringComparer.Ordinal)];

    /// <summary>Views per page, as numbers.</summary>
    public static Dictionary<string, long> AsNumbers(this TrackedDictionary<PageViewCount> pages)
        => pages.ToDictionary(p => p.Key, p => p.Value.Count, StringComparer.Ordinal);
}
