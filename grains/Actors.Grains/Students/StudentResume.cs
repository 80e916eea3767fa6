using Actors.Contracts.Students;

namespace Actors.Grains.Students;

/// <summary>Assembles a resume from what the student completed.</summary>
internal static class StudentResume
{
    /// <summary>
    /// The profile, completed goals and completed activities (with their hours), newest first. Active and archived
    /// goals and unfinished activities stay off: a resume states what was achieved.
    /// </summary>
    public static Resume Build(string studentId, StudentState state)
    {
        var goals = state.Goals
            .Where(g => g is { Status: GoalStatus.Completed, CompletedAt: not null })
            .OrderByDescending(g => g.CompletedAt)
            .Select(g => new ResumeGoal(g.Title, g.CompletedAt!.Value))
            .ToArray();
        var activities = state.Activities
            .Where(a => a is { Status: ActivityStatus.Completed, CompletedAt: not null })
            .OrderByDescending(a => a.CompletedAt)
            .Select(a => new ResumeActivity(a.Title, a.Category, a.TotalHours, a.CompletedAt!.Value))
            .ToArray();
        return new Resume(studentId, state.Profile, goals, activities, activities.Sum(a => a.Hours));
    }
}
