using Actors.Contracts;
using Actors.Contracts.Errors;
using Actors.Contracts.Internal;
using Actors.Contracts.Students;
using Actors.Grains.Persistence;
using Actors.Grains.Validation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace Actors.Grains.Students;

/// <summary>
/// A student. Not reentrant: its calls are short and each write is one row, so one call at a time keeps every
/// change (and the page-view flush folded into it) serial without further care.
/// </summary>
[GrainType("student")]
public sealed partial class StudentGrain(
    [PersistentState("student", "actors")] IPersistentState<StudentState> storage,
    IOptions<StudentGrainOptions> options,
    TimeProvider time,
    ILogger<StudentGrain> logger) : Grain, IStudentGrain, IStudentClassSync
{
    private readonly StudentGrainOptions _options = options.Value;
    private readonly PageViewBuffer _pageViews = new();

    private string StudentId => this.GetPrimaryKeyString();

    private StudentState State => storage.State;

    private DateTimeOffset Now => time.GetUtcNow();

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        storage.State = StudentStateMigration.Upgrade(storage.State, storage.RecordExists);
        this.RegisterGrainTimer(
            static (grain, _) => grain.TryFlushPageViewsAsync(),
            this,
            new GrainTimerCreationOptions(_options.PageViewFlushInterval, _options.PageViewFlushInterval) { KeepAlive = false });
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => FlushPageViewsBeforeDeactivationAsync(cancellationToken);

    public Task<StudentProfile> GetProfile(Caller caller, CancellationToken cancellationToken)
    {
        RequireReader(caller, "read the profile of");
        return Task.FromResult(State.Profile ?? throw new NotFoundException("profile of student", StudentId));
    }

    public async Task<StudentProfile> UpdateProfile(Caller caller, StudentProfile profile, CancellationToken cancellationToken)
    {
        RequireSelfOrAdmin(caller, "update the profile of");
        Validator.NotNull(profile, "profile");
        new Validator()
            .Id("studentId", StudentId)
            .Text("profile.name", profile.Name, DomainLimits.ShortTextLength)
            .Text("profile.school", profile.School, DomainLimits.ShortTextLength)
            .Range("profile.yearLevel", profile.YearLevel, DomainLimits.MinYearLevel, DomainLimits.MaxYearLevel)
            .ThrowIfInvalid();
        return await ApplyAsync(new Outcome<StudentState, StudentProfile>(profile == State.Profile ? State : State with { Profile = profile }, profile), cancellationToken);
    }

    public Task<Goal> CreateGoal(Caller caller, string goalId, GoalDraft draft, CancellationToken cancellationToken)
    {
        RequireSelfOrAdmin(caller, "set goals for");
        return ApplyAsync(StudentGoals.Create(State, goalId, draft, Now), cancellationToken);
    }

    public Task<Goal> UpdateGoalProgress(Caller caller, string goalId, int progressPercent, CancellationToken cancellationToken)
    {
        RequireSelfOrAdmin(caller, "update goals of");
        return ApplyAsync(StudentGoals.UpdateProgress(State, goalId, progressPercent), cancellationToken);
    }

    public Task<Goal> CompleteGoal(Caller caller, string goalId, CancellationToken cancellationToken)
    {
        RequireSelfOrAdmin(caller, "complete goals of");
        return ApplyAsync(StudentGoals.Complete(State, goalId, Now), cancellationToken);
    }

    public Task<Goal> ArchiveGoal(Caller caller, string goalId, CancellationToken cancellationToken)
    {
        RequireSelfOrAdmin(caller, "archive goals of");
        return ApplyAsync(StudentGoals.Archive(State, goalId, Now), cancellationToken);
    }

    public Task<IReadOnlyList<Goal>> GetGoals(Caller caller, CancellationToken cancellationToken)
    {
        RequireReader(caller, "read the goals of");
        return Task.FromResult<IReadOnlyList<Goal>>(State.Goals);
    }

    public Task<Activity> CommitToActivity(Caller caller, string activityId, ActivityDraft draft, CancellationToken cancellationToken)
    {
        RequireSelfOrAdmin(caller, "commit to activities for");
        return ApplyAsync(StudentActivities.Commit(State, activityId, draft, Now), cancellationToken);
    }

    public Task<Activity> LogHours(Caller caller, string activityId, HoursEntry entry, CancellationToken cancellationToken)
    {
        RequireSelfOrAdmin(caller, "log hours for");
        return ApplyAsync(StudentActivities.LogHours(State, activityId, entry, Now), cancellationToken);
    }

    public Task<Activity> CompleteActivity(Caller caller, string activityId, CancellationToken cancellationToken)
    {
        RequireSelfOrAdmin(caller, "complete activities of");
        return ApplyAsync(StudentActivities.Complete(State, activityId, Now), cancellationToken);
    }

    public Task<IReadOnlyList<Activity>> GetActivities(Caller caller, CancellationToken cancellationToken)
    {
        RequireReader(caller, "read the activities of");
        return Task.FromResult<IReadOnlyList<Activity>>(State.Activities);
    }

    public Task<Reflection> WriteReflection(Caller caller, string reflectionId, ReflectionDraft draft, CancellationToken cancellationToken)
    {
        // Reflections are the student's own voice: not even an administrator writes or shares them.
        RequireSelf(caller, "write reflections for");
        return ApplyAsync(StudentReflections.Write(State, reflectionId, draft, Now), cancellationToken);
    }

    public Task<Reflection> ShareReflection(Caller caller, string reflectionId, string classId, CancellationToken cancellationToken)
    {
        RequireSelf(caller, "share reflections of");
        return ApplyAsync(StudentReflections.Share(State, reflectionId, classId), cancellationToken);
    }

    public Task<Reflection> UnshareReflection(Caller caller, string reflectionId, string classId, CancellationToken cancellationToken)
    {
        RequireSelf(caller, "unshare reflections of");
        return ApplyAsync(StudentReflections.Unshare(State, reflectionId, classId), cancellationToken);
    }

    public Task<IReadOnlyList<Reflection>> GetReflections(Caller caller, CancellationToken cancellationToken)
    {
        CallerRules.Validate(caller);
        if (IsSelfOrAdmin(caller))
        {
            return Task.FromResult<IReadOnlyList<Reflection>>(State.Reflections);
        }

        // A teacher sees what was shared with a class they teach — judged by the student's current classes, so a
        // share stops counting when the student leaves the class.
        var taught = TaughtBy(caller);
        if (taught.Count == 0)
        {
            throw Denied(caller, "read the reflections of");
        }

        return Task.FromResult<IReadOnlyList<Reflection>>(
            [.. State.Reflections.Where(r => r.SharedWithClassIds.Any(taught.Contains))]);
    }

    public Task<Resume> GetResume(Caller caller, CancellationToken cancellationToken)
    {
        RequireReader(caller, "read the resume of");
        return Task.FromResult(StudentResume.Build(StudentId, State));
    }

    public Task<IReadOnlyList<ClassMembership>> GetClasses(Caller caller, CancellationToken cancellationToken)
    {
        RequireReader(caller, "read the classes of");
        return Task.FromResult<IReadOnlyList<ClassMembership>>(State.Classes);
    }

    /// <inheritdoc />
    public async Task SyncClass(string classId)
    {
        new Validator().Id("classId", classId).ThrowIfInvalid();

        // The class's roster is the source of truth; whoever calls, the student only mirrors it.
        var membership = await GrainFactory.GetGrain<IClassMembershipSource>(classId).GetMembership(StudentId);
        var index = State.Classes.FindIndex(c => c.ClassId == classId);
        StudentState next;
        if (membership is null)
        {
            next = index < 0 ? State : StudentReflections.ForgetClass(State with { Classes = State.Classes.RemoveAt(index) }, classId);
        }
        else if (index < 0)
        {
            Limits.RoomForOneMore(State.Classes.Count, DomainLimits.ClassesPerStudent, "the student's classes");
            next = State with { Classes = State.Classes.Add(membership) };
        }
        else
        {
            next = State.Classes[index] == membership ? State : State with { Classes = State.Classes.SetItem(index, membership) };
        }

        if (!ReferenceEquals(next, State))
        {
            await SaveAsync(next);
        }
    }

    /// <summary>
    /// Writes the change if there is one — with the buffered page views folded in, which makes every write a
    /// flush as well — and returns the result once it is durable.
    /// </summary>
    private async Task<TResult> ApplyAsync<TResult>(Outcome<StudentState, TResult> outcome, CancellationToken cancellationToken)
    {
        if (outcome.Changes(State))
        {
            // Checked before anything is written (page views, bounded by counts, aside): the change is refused whole.
            Limits.RoomForBytes(StoredSize.Of(outcome.State), () => StoredSize.Of(State), DomainLimits.StudentBytes, $"Student '{StudentId}'");

            // A caller who has given up (deadline, disconnect) gets no write started on its behalf; once started, a
            // write is not interrupted, since its outcome would become unknown.
            cancellationToken.ThrowIfCancellationRequested();
            await SaveAsync(outcome.State);
        }

        return outcome.Result;
    }

    private async Task SaveAsync(StudentState next)
    {
        var withViews = _pageViews.Count == 0
            ? next
            : next with { PageViews = _pageViews.AddTo(next.PageViews), PageViewRequestIds = _pageViews.AddRequestIdsTo(next.PageViewRequestIds) };
        await storage.WriteOrRevertAsync(withViews);
        _pageViews.Clear();
        _flushFailure = null;
    }

    private bool IsSelf(Caller caller) => caller.Role == CallerRole.Student && caller.Is(StudentId);

    private bool IsSelfOrAdmin(Caller caller) => caller.IsAdmin || IsSelf(caller);

    private HashSet<string> TaughtBy(Caller caller)
        => caller.Role == CallerRole.Teacher
            ? State.Classes.Where(c => caller.Is(c.TeacherId)).Select(c => c.ClassId).ToHashSet(StringComparer.Ordinal)
            : [];

    private void RequireSelf(Caller caller, string action)
    {
        CallerRules.Validate(caller);
        if (!IsSelf(caller))
        {
            throw Denied(caller, action);
        }
    }

    private void RequireSelfOrAdmin(Caller caller, string action)
    {
        CallerRules.Validate(caller);
        if (!IsSelfOrAdmin(caller))
        {
            throw Denied(caller, action);
        }
    }

    /// <summary>The student, administrators, and teachers of the student's classes.</summary>
    private void RequireReader(Caller caller, string action)
    {
        CallerRules.Validate(caller);
        if (!IsSelfOrAdmin(caller) && TaughtBy(caller).Count == 0)
        {
            throw Denied(caller, action);
        }
    }

    private AccessDeniedException Denied(Caller caller, string action)
        => new($"{caller} may not {action} student '{StudentId}'.");
}
