using Actors.Contracts;
using Actors.Contracts.Audit;
using Actors.Contracts.Errors;
using Actors.Contracts.Internal;
using Actors.Contracts.Schools;
using Actors.Contracts.Students;
using Actors.Grains.Persistence;
using Actors.Grains.Validation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace Actors.Grains.Students;

/// <summary>
/// A student (key <c>{schoolId}/{studentId}</c>). Not reentrant: its calls are short and each write is one transaction (the
/// state row and the item rows it changed), so one
/// call at a time keeps every change (and the page-view flush folded into it) serial without further care. Who may
/// do what is <see cref="StudentAccess"/>.
/// </summary>
[GrainType("student")]
public sealed partial class StudentGrain(
    IGrainContextAccessor grainContext,
    IOptions<StudentGrainOptions> options,
    IAuditTrail auditTrail,
    TimeProvider time,
    ILogger<StudentGrain> logger) : Grain, IStudentGrain, IStudentClassSync, IStudentSchoolSync, IStudentRecords, IStudentDocumentLinks, IIncomingGrainCallFilter
{
    private readonly StudentGrainOptions _options = options.Value;

    // The student's row, read on activation: what [PersistentState("student", "actors")] gives, in less memory.
    private readonly LeanPersistentState<StudentState> storage = new(grainContext, "student", "actors");

    // How long an activation woken only to mirror a roster stays up after its last sync; see SleepIfOnlySynced.
    private static readonly TimeSpan SyncedOnlyIdle = TimeSpan.FromSeconds(1);

    // True once a user (through IStudentGrain) has called this activation; see SleepIfOnlySynced.
    private bool _servesAUser;

    private IGrainTimer? _sleepTimer;

    private SchoolScopedKey? _key;

    /// <summary>The student's school and id (the grain key <c>{schoolId}/{studentId}</c>).</summary>
    private SchoolScopedKey Key => _key ??= GrainKeys.ParseOrNone(this.GetPrimaryKeyString());

    private string StudentId => Key.Id;

    private StudentState State => storage.State;

    private DateTimeOffset Now => time.GetUtcNow();

    /// <inheritdoc />
    /// <remarks>
    /// Registers no timer: the page-view and audit flush timers start with the first view or audited read that needs
    /// them and stop once a tick finds nothing to write, so an idle activation holds neither timers nor buffers (an
    /// idle student's heap is what sets how many silos a lesson start needs; see docs/capacity.md).
    /// </remarks>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await storage.ReadStateAsync();
        storage.State = StudentStateMigration.Upgrade(storage.State, storage.RecordExists);
    }

    /// <inheritdoc />
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await FlushPageViewsBeforeDeactivationAsync(cancellationToken);
        await _auditAppend;
        await FlushAuditOnTimerAsync();
    }

    public Task<StudentProfile> GetProfile(Caller caller, CancellationToken cancellationToken)
    {
        StudentAccess.RequireReader(State, Key, caller, "read the profile of");
        var profile = State.Profile ?? throw new NotFoundException("profile of student", StudentId);
        Audit(caller, "StudentService.GetProfile");
        return Task.FromResult(profile);
    }

    public async Task<StudentProfile> UpdateProfile(Caller caller, StudentProfile profile, CancellationToken cancellationToken)
    {
        StudentAccess.RequireSelfOrAdmin(State, Key, caller, "update the profile of");
        Validator.NotNull(profile, "profile");
        new Validator()
            .Text("profile.name", profile.Name, DomainLimits.ShortTextLength)
            .Text("profile.school", profile.School, DomainLimits.ShortTextLength)
            .Range("profile.yearLevel", profile.YearLevel, DomainLimits.MinYearLevel, DomainLimits.MaxYearLevel)
            .ThrowIfInvalid();
        return await ApplyAsync(new Outcome<StudentState, StudentProfile>(profile == State.Profile ? State : State with { Profile = profile }, profile), cancellationToken);
    }

    public Task<Goal> CreateGoal(Caller caller, string goalId, GoalDraft draft, CancellationToken cancellationToken)
    {
        StudentAccess.RequireSelfOrAdmin(State, Key, caller, "set goals for");
        return ApplyAsync(StudentGoals.Create(State, goalId, draft, Now), cancellationToken);
    }

    public Task<Goal> UpdateGoalProgress(Caller caller, string goalId, int progressPercent, CancellationToken cancellationToken)
    {
        StudentAccess.RequireSelfOrAdmin(State, Key, caller, "update goals of");
        return ApplyAsync(StudentGoals.UpdateProgress(State, goalId, progressPercent), cancellationToken);
    }

    public Task<Goal> CompleteGoal(Caller caller, string goalId, CancellationToken cancellationToken)
    {
        StudentAccess.RequireSelfOrAdmin(State, Key, caller, "complete goals of");
        return ApplyAsync(StudentGoals.Complete(State, goalId, Now), cancellationToken);
    }

    public Task<Goal> ArchiveGoal(Caller caller, string goalId, CancellationToken cancellationToken)
    {
        StudentAccess.RequireSelfOrAdmin(State, Key, caller, "archive goals of");
        return ApplyAsync(StudentGoals.Archive(State, goalId, Now), cancellationToken);
    }

    public Task<IReadOnlyList<Goal>> GetGoals(Caller caller, CancellationToken cancellationToken)
    {
        StudentAccess.RequireReader(State, Key, caller, "read the goals of");
        Audit(caller, "StudentService.ListGoals");
        return Task.FromResult(State.GoalsInOrder());
    }

    public Task<Activity> CommitToActivity(Caller caller, string activityId, ActivityDraft draft, CancellationToken cancellationToken)
    {
        StudentAccess.RequireSelfOrAdmin(State, Key, caller, "commit to activities for");
        return ApplyAsync(StudentActivities.Commit(State, activityId, draft, Now), cancellationToken);
    }

    public Task<Activity> LogHours(Caller caller, string activityId, HoursEntry entry, CancellationToken cancellationToken)
    {
        StudentAccess.RequireSelfOrAdmin(State, Key, caller, "log hours for");
        return ApplyAsync(StudentActivities.LogHours(State, activityId, entry, Now), cancellationToken);
    }

    public Task<Activity> CompleteActivity(Caller caller, string activityId, CancellationToken cancellationToken)
    {
        StudentAccess.RequireSelfOrAdmin(State, Key, caller, "complete activities of");
        return ApplyAsync(StudentActivities.Complete(State, activityId, Now), cancellationToken);
    }

    public Task<IReadOnlyList<Activity>> GetActivities(Caller caller, CancellationToken cancellationToken)
    {
        StudentAccess.RequireReader(State, Key, caller, "read the activities of");
        Audit(caller, "StudentService.ListActivities");
        return Task.FromResult(State.ActivitiesInOrder());
    }

    public Task<Reflection> WriteReflection(Caller caller, string reflectionId, ReflectionDraft draft, CancellationToken cancellationToken)
    {
        StudentAccess.RequireSelf(State, Key, caller, "write reflections for");
        return ApplyAsync(StudentReflections.Write(State, reflectionId, draft, Now), cancellationToken);
    }

    public Task<Reflection> ShareReflection(Caller caller, string reflectionId, string classId, CancellationToken cancellationToken)
    {
        StudentAccess.RequireSelf(State, Key, caller, "share reflections of");
        return ApplyAsync(StudentReflections.Share(State, reflectionId, classId), cancellationToken);
    }

    public Task<Reflection> UnshareReflection(Caller caller, string reflectionId, string classId, CancellationToken cancellationToken)
    {
        StudentAccess.RequireSelf(State, Key, caller, "unshare reflections of");
        return ApplyAsync(StudentReflections.Unshare(State, reflectionId, classId), cancellationToken);
    }

    public Task<IReadOnlyList<Reflection>> GetReflections(Caller caller, CancellationToken cancellationToken)
    {
        var visible = StudentAccess.VisibleReflections(State, Key, caller);
        Audit(caller, "StudentService.ListReflections");
        return Task.FromResult(visible);
    }

    public Task<Resume> GetResume(Caller caller, CancellationToken cancellationToken)
    {
        StudentAccess.RequireReader(State, Key, caller, "read the resume of");
        Audit(caller, "StudentService.GetResume");
        return Task.FromResult(StudentResume.Build(StudentId, State));
    }

    public Task<IReadOnlyList<ClassMembership>> GetClasses(Caller caller, CancellationToken cancellationToken)
    {
        var visible = StudentAccess.VisibleClasses(State, Key, caller);
        Audit(caller, "StudentService.ListClasses");
        return Task.FromResult(visible);
    }

    /// <inheritdoc />
    public async Task SyncClass(string classId)
    {
        new Validator().Id("classId", classId).ThrowIfInvalid();

        // The class's roster is the source of truth; whoever calls, the student only mirrors it.
        var membership = Key.HasSchool ? await GrainFactory.GetGrain<IClassMembershipSource>(Key.Sibling(classId)).GetMembership(StudentId) : null;
        var next = StudentClasses.Mirror(State, classId, membership);
        if (!ReferenceEquals(next, State))
        {
            await SaveAsync(next);
        }

        SleepIfOnlySynced();
    }

    /// <inheritdoc />
    public async Task SyncRoster()
    {
        // The school's roster is the source of truth: the student exists exactly while rostered.
        var member = Key.HasSchool ? await GrainFactory.GetGrain<ISchoolDirectory>(Key.SchoolId).FindMember(StudentId) : null;
        var rosteredAt = member is { Role: SchoolRole.Student } ? member.AddedAt : (DateTimeOffset?)null;
        if (State.RosteredAt != rosteredAt)
        {
            await SaveAsync(State with { RosteredAt = rosteredAt });
        }

        SleepIfOnlySynced();
    }

    /// <inheritdoc />
    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.InterfaceMethod?.DeclaringType == typeof(IStudentGrain))
        {
            _servesAUser = true;
        }

        return context.Invoke();
    }

    /// <summary>
    /// An activation woken only to mirror a roster (a school rostering hundreds of students, a class enrolling them)
    /// goes back to sleep: placement favours the caller's silo, so otherwise every student of a school would stay
    /// active on the school grain's silo — the hot spot when they all sign in at the start of a lesson. Their own
    /// first call then activates them wherever placement spreads them.
    /// </summary>
    private void SleepIfOnlySynced()
    {
        if (_servesAUser)
        {
            return;
        }

        // Not at once: syncs come in bursts (a school rostering, many classes enrolling one student at a time), and a
        // call queued behind an activation that is deactivating is forwarded to the next one — rejected after two such
        // forwards. An activation that was quiet for a second is asleep before the students' own calls come.
        if (_sleepTimer is null)
        {
            _sleepTimer = this.RegisterGrainTimer(
                static grain =>
                {
                    if (!grain._servesAUser)
                    {
                        grain.DeactivateOnIdle();
                    }

                    return Task.CompletedTask;
                },
                this,
                new GrainTimerCreationOptions(SyncedOnlyIdle, Timeout.InfiniteTimeSpan) { KeepAlive = false });
        }
        else
        {
            _sleepTimer.Change(SyncedOnlyIdle, Timeout.InfiniteTimeSpan);
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
            Limits.RoomForBytes(StudentSize.Of(outcome.State), () => StudentSize.Of(State), DomainLimits.StudentBytes, $"Student '{StudentId}'");

            // A caller who has given up (deadline, disconnect) gets no write started on its behalf; once started, a
            // write is not interrupted, since its outcome would become unknown.
            cancellationToken.ThrowIfCancellationRequested();
            await SaveAsync(outcome.State);
        }

        return outcome.Result;
    }

    private async Task SaveAsync(StudentState next)
    {
        var withViews = _pageViews is not { Count: > 0 } views
            ? next
            : next with { PageViews = views.AddTo(next.PageViews), PageViewRequestIds = views.AddRequestIdsTo(next.PageViewRequestIds) };
        await storage.WriteOrRevertAsync(withViews);
        _pageViews?.Clear();
        _flushFailure = null;
    }
}
