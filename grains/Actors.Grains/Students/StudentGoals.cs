using Actors.Contracts;
using Actors.Contracts.Errors;
using Actors.Contracts.Students;
using Actors.Grains.Persistence;
using Actors.Grains.Validation;

namespace Actors.Grains.Students;

/// <summary>The rules of a student's goals, as pure functions of the state: active → completed or archived.</summary>
internal static class StudentGoals
{
    public static Outcome<StudentState, Goal> Create(StudentState state, string goalId, GoalDraft? draft, DateTimeOffset now)
    {
        Validator.NotNull(draft, "draft");
        new Validator()
            .Id("goalId", goalId)
            .Text("draft.title", draft.Title, DomainLimits.ShortTextLength)
            .OptionalLongText("draft.description", draft.Description, DomainLimits.DescriptionLength)
            .ThrowIfInvalid();

        var (goals, goal) = CreateOnce.Add(
            state.Goals,
            goalId,
            g => g.Title == draft.Title && g.Description == draft.Description && g.TargetDate == draft.TargetDate,
            () => new Goal
            {
                Id = goalId,
                Title = draft.Title,
                Description = draft.Description,
                TargetDate = draft.TargetDate,
                Status = GoalStatus.Active,
                CreatedAt = now,
            },
            "goal",
            DomainLimits.ItemsPerStudent);
        return new(ReferenceEquals(goals, state.Goals) ? state : state with { Goals = goals }, goal);
    }

    public static Outcome<StudentState, Goal> UpdateProgress(StudentState state, string goalId, int progressPercent)
    {
        new Validator().Id("goalId", goalId).Range("progressPercent", progressPercent, 0, 100).ThrowIfInvalid();
        var goal = Find(state, goalId);
        if (goal.Status != GoalStatus.Active)
        {
            throw new ConflictException($"Goal '{goalId}' is {goal.Status.ToString().ToLowerInvariant()}; only active goals make progress.");
        }

        return goal.ProgressPercent == progressPercent
            ? new(state, goal)
            : Replace(state, goal with { ProgressPercent = progressPercent });
    }

    public static Outcome<StudentState, Goal> Complete(StudentState state, string goalId, DateTimeOffset now)
    {
        new Validator().Id("goalId", goalId).ThrowIfInvalid();
        var goal = Find(state, goalId);
        return goal.Status switch
        {
            GoalStatus.Completed => new(state, goal),
            GoalStatus.Archived => throw new ConflictException($"Goal '{goalId}' is archived; only active goals can be completed."),
            _ => Replace(state, goal with { Status = GoalStatus.Completed, ProgressPercent = 100, CompletedAt = now }),
        };
    }

    public static Outcome<StudentState, Goal> Archive(StudentState state, string goalId, DateTimeOffset now)
    {
        new Validator().Id("goalId", goalId).ThrowIfInvalid();
        var goal = Find(state, goalId);
        return goal.Status == GoalStatus.Archived
            ? new(state, goal)
            : Replace(state, goal with { Status = GoalStatus.Archived, ArchivedAt = now });
    }

    private static Goal Find(StudentState state, string goalId) => state.Goals.GetOrNotFound(goalId, "goal");

    /// <summary>The goal replaced by a new object (items are immutable: storage writes the ones that are new).</summary>
    private static Outcome<StudentState, Goal> Replace(StudentState state, Goal goal)
        => new(state with { Goals = state.Goals.SetItem(goal.Id, goal) }, goal);
}
