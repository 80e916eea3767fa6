using Actors.Contracts;
using Actors.Contracts.Errors;
using Actors.Contracts.Students;
using Actors.Grains.Persistence;
using Actors.Grains.Validation;

namespace Actors.Grains.Students;

/// <summary>The rules of the activities a student commits to and the hours logged on them.</summary>
internal static class StudentActivities
{
    public static Outcome<StudentState, Activity> Commit(StudentState state, string activityId, ActivityDraft? draft, DateTimeOffset now)
    {
        Validator.NotNull(draft, "draft");
        new Validator()
            .Id("activityId", activityId)
            .Text("draft.title", draft.Title, DomainLimits.ShortTextLength)
            .OptionalText("draft.category", draft.Category, DomainLimits.ShortTextLength)
            .OptionalLongText("draft.description", draft.Description, DomainLimits.DescriptionLength)
            .ThrowIfInvalid();

        var (activities, activity) = CreateOnce.Add(
            state.Activities,
            activityId,
            a => a.Title == draft.Title && a.Category == draft.Category && a.Description == draft.Description,
            () => new Activity
            {
                Id = activityId,
                Title = draft.Title,
                Category = draft.Category,
                Description = draft.Description,
                Status = ActivityStatus.Committed,
                CommittedAt = now,
            },
            "activity",
            DomainLimits.ItemsPerStudent);
        return new(ReferenceEquals(activities, state.Activities) ? state : state with { Activities = activities }, activity);
    }

    public static Outcome<StudentState, Activity> LogHours(StudentState state, string activityId, HoursEntry? entry, DateTimeOffset now)
    {
        Validator.NotNull(entry, "entry");
        new Validator()
            .Id("activityId", activityId)
            .Id("entry.entryId", entry.EntryId)
            .When(entry.Hours <= 0 || entry.Hours > DomainLimits.MaxHoursPerEntry, "entry.hours", $"is {entry.Hours}; it must be more than 0 and at most {DomainLimits.MaxHoursPerEntry}.")
            .When(decimal.Round(entry.Hours, 2) != entry.Hours, "entry.hours", $"is {entry.Hours}; at most two decimal places are allowed.")
            .When(entry.On == default, "entry.on", "is required.")
            // A day ahead of UTC covers every school's time zone; later dates are typos.
            .When(entry.On > DateOnly.FromDateTime(now.UtcDateTime).AddDays(1), "entry.on", $"is {entry.On:yyyy-MM-dd}; hours cannot be logged for a future day.")
            .ThrowIfInvalid();

        var activity = Find(state, activityId);
        if (activity.Entries.FirstOrDefault(e => e.EntryId == entry.EntryId) is { } logged)
        {
            return logged == entry
                ? new(state, activity)
                : throw new ConflictException($"Hours entry '{entry.EntryId}' was already logged on activity '{activityId}' with {logged.Hours} h on {logged.On:yyyy-MM-dd}.");
        }

        if (activity.Status != ActivityStatus.Committed)
        {
            throw new ConflictException($"Activity '{activityId}' is completed; hours can only be logged on committed activities.");
        }

        Limits.RoomForOneMore(activity.Entries.Count, DomainLimits.HourEntriesPerActivity, $"the hours of activity '{activityId}'");
        return Replace(state, activity with { Entries = [.. activity.Entries, entry] });
    }

    public static Outcome<StudentState, Activity> Complete(StudentState state, string activityId, DateTimeOffset now)
    {
        new Validator().Id("activityId", activityId).ThrowIfInvalid();
        var activity = Find(state, activityId);
        return activity.Status == ActivityStatus.Completed
            ? new(state, activity)
            : Replace(state, activity with { Status = ActivityStatus.Completed, CompletedAt = now });
    }

    private static Activity Find(StudentState state, string activityId) => state.Activities.GetOrNotFound(activityId, "activity");

    /// <summary>The activity replaced by a new object (items are immutable: storage writes the ones that are new).</summary>
    private static Outcome<StudentState, Activity> Replace(StudentState state, Activity activity)
        => new(state with { Activities = state.Activities.SetItem(activity.Id, activity) }, activity);
}
