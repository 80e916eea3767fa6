using Actors.Contracts.Students;

namespace Actors.Grains.Students;

/// <summary>Assembles a resume from what the student completed.</summary>
internal static class StudentResume
{
    /// <summary>
    /// The profile, completed goals and completed activities (with their hours), newest first (ties in the order they were created). Active and archived
    /// goals and unfinished activities stay off: a resume states what was achieved.
    /// </summary>
    public static Resume Build(string studentId, StudentState state)
    {
        var goals = state.Goals.Values
            .Where(g => g is { Status: GoalStatus.Completed, CompletedAt: not null })
            .OrderByDescending(g => g.CompletedAt)
            .ThenBy(g => g.CreatedAt)
            .ThenBy(g => g.Id, StringComparer.Ordinal)
            .Select(g => new ResumeGoal(g.Title, g.CompletedAt!.Value))
            .ToArray();
        var activities = state.Activities.Values
            .Where(a => a is { Status: ActivityStatus.Completed, CompletedAt: not null })
            .OrderByDescending(a => a.CompletedAt)
            .ThenBy(a => a.CommittedAt)
            .ThenBy(a => a.Id, StringComparer.Ordinal)
            .Select(a => new ResumeActivity(a.Title, a.Category, a.TotalHours, a.CompletedAt!.Value))
            .ToArray();
        return new Resume(studentId, state.Profile, goals, activities, activities.Sum(a => a.Hours));
    }
}
