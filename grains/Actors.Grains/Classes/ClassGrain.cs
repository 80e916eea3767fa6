using Actors.Contracts;
using Actors.Contracts.Classes;
using Actors.Contracts.Documents;
using Actors.Contracts.Errors;
using Actors.Contracts.Internal;
using Actors.Grains.Persistence;
using Actors.Grains.Validation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace Actors.Grains.Classes;

/// <summary>
/// A class, and the coordinator of everything that spans it and other grains. Enrollment, removal and assignment
/// follow one pattern: (1) record the intent in the class's own row, (2) carry out the steps on the other grains,
/// each idempotent, (3) record that they are done. A failure after (1) leaves intent that
/// <see cref="ReconcileAsync"/> finishes — when the call is repeated, on the class's next activation, and on a
/// timer meanwhile — so an interrupted enrollment converges instead of staying half done.
/// <para>
/// Not reentrant: one call at a time keeps "read state, call out, write state" free of lost updates. The two
/// read-only <see cref="IClassMembershipSource"/> methods interleave, because the student and document grains
/// this class calls call back into them.
/// </para>
/// </summary>
[GrainType("class")]
public sealed partial class ClassGrain(
    [PersistentState("class", "actors")] IPersistentState<ClassState> storage,
    IOptions<ClassGrainOptions> options,
    TimeProvider time,
    ILogger<ClassGrain> logger) : Grain, IClassGrain, IClassMembershipSource
{
    private readonly ClassGrainOptions _options = options.Value;
    private IGrainTimer? _reconcileTimer;

    private string ClassId => this.GetPrimaryKeyString();

    private ClassState State => storage.State;

    private DateTimeOffset Now => time.GetUtcNow();

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        storage.State = ClassStateMigration.Upgrade(storage.State, storage.RecordExists);
        if (HasUnfinishedWork())
        {
            // A previous activation stopped half way (a failure, a killed silo): finish what it recorded.
            ScheduleReconcile(TimeSpan.Zero);
        }

        return Task.CompletedTask;
    }

    public async Task<ClassDetails> Create(Caller caller, ClassDraft draft, CancellationToken cancellationToken)
    {
        CallerRules.Validate(caller);
        if (caller.Role == CallerRole.Student)
        {
            throw Denied(caller, "create");
        }

        Validator.NotNull(draft, "draft");
        new Validator()
            .Id("classId", ClassId)
            .Text("draft.title", draft.Title, DomainLimits.ShortTextLength)
            .When(caller.IsAdmin && draft.TeacherId is null, "draft.teacherId", "is required when an administrator creates a class.")
            .OptionalId("draft.teacherId", draft.TeacherId)
            .ThrowIfInvalid();
        var teacherId = draft.TeacherId ?? caller.UserId;
        if (!caller.IsAdmin && !caller.Is(teacherId))
        {
            throw new AccessDeniedException($"{caller} may only create classes they teach themselves, not for teacher '{teacherId}'.");
        }

        if (State.IsCreated)
        {
            return State.Title == draft.Title && State.TeacherId == teacherId
                ? DetailsFor(caller)
                : throw new ConflictException($"Class '{ClassId}' already exists ('{State.Title}', taught by '{State.TeacherId}').");
        }

        await storage.WriteOrRevertAsync(State with { Title = draft.Title, TeacherId = teacherId, CreatedAt = Now });
        return DetailsFor(caller);
    }

    public Task<ClassDetails> GetDetails(Caller caller, CancellationToken cancellationToken)
    {
        CallerRules.Validate(caller);
        RequireCreated();
        if (!IsManager(caller) && !(caller.Role == CallerRole.Student && ClassRoster.IsMember(State, caller.UserId)))
        {
            throw Denied(caller, "read");
        }

        return Task.FromResult(DetailsFor(caller));
    }

    public async Task<ClassDetails> Enroll(Caller caller, string studentId, CancellationToken cancellationToken)
    {
        RequireManager(caller, "enroll students in");
        new Validator().Id("studentId", studentId).ThrowIfInvalid();
        var wasActive = State.Roster.Exists(e => e.StudentId == studentId && e.State == RosterState.Active);
        await ApplyAsync(ClassRoster.Enroll(State, studentId, Now), cancellationToken);
        (await CompleteAsync()).ThrowForStudent(studentId);
        if (wasActive)
        {
            // A repeated enrollment re-asserts the student's side too, repairing it if it was ever lost.
            await Student(studentId).SyncClass(ClassId);
        }

        return DetailsFor(caller);
    }

    public async Task<ClassDetails> Remove(Caller caller, string studentId, CancellationToken cancellationToken)
    {
        RequireManager(caller, "remove students from");
        new Validator().Id("studentId", studentId).ThrowIfInvalid();
        var outcome = ClassRoster.Remove(State, studentId);
        await ApplyAsync(outcome, cancellationToken);
        (await CompleteAsync()).ThrowForStudent(studentId);
        if (outcome.Result is null)
        {
            // Not on the roster (any more): make sure the student does not list the class either.
            await Student(studentId).SyncClass(ClassId);
        }

        return DetailsFor(caller);
    }

    public async Task<Assignment> AssignDocument(Caller caller, string assignmentId, AssignmentDraft draft, CancellationToken cancellationToken)
    {
        RequireManager(caller, "assign documents in");
        Validator.NotNull(draft, "draft");
        new Validator()
            .Id("assignmentId", assignmentId)
            .Id("draft.documentId", draft.DocumentId)
            .OptionalText("draft.title", draft.Title, DomainLimits.ShortTextLength)
            .ThrowIfInvalid();

        if (State.Assignments.Find(a => a.AssignmentId == assignmentId) is { } recorded)
        {
            if (!ClassAssignments.IsSameRequest(recorded, draft))
            {
                throw new ConflictException($"Assignment id '{assignmentId}' is already used in class '{ClassId}' for document '{recorded.DocumentId}' due {recorded.DueAt:O}.");
            }

            // A retry: finish handing it out (the copies already made are not made again).
            (await CompleteAsync()).ThrowForAssignment(assignmentId);
            return ClassAssignments.Find(State, assignmentId);
        }

        if (draft.DueAt <= Now)
        {
            throw new ValidationException("draft.dueAt", $"is {draft.DueAt:O}; it must be in the future.");
        }

        // The original is read on behalf of the class's teacher (also when an administrator assigns): the teacher must
        // be able to read what they hand out. What the copies need of it is kept with the assignment, so copies for
        // students enrolled later do not depend on the teacher's access to the original lasting.
        var original = await Document(draft.DocumentId).GetInfo(TeacherCaller);
        await ApplyAsync(ClassAssignments.Record(State, assignmentId, draft, original, Now), cancellationToken);
        (await CompleteAsync()).ThrowForAssignment(assignmentId);
        return ClassAssignments.Find(State, assignmentId);
    }

    public Task<IReadOnlyList<StudentWork>> GetSubmissions(Caller caller, string assignmentId, CancellationToken cancellationToken)
    {
        CallerRules.Validate(caller);
        RequireCreated();
        new Validator().Id("assignmentId", assignmentId).ThrowIfInvalid();
        var isStudent = caller.Role == CallerRole.Student && State.Roster.Exists(e => e.StudentId == caller.UserId);
        if (!IsManager(caller) && !isStudent)
        {
            throw Denied(caller, "read the submissions of");
        }

        var work = ClassAssignments.Find(State, assignmentId).Work;
        return Task.FromResult<IReadOnlyList<StudentWork>>(IsManager(caller) ? work : [.. work.Where(w => caller.Is(w.StudentId))]);
    }

    public async Task<StudentWork> SetSubmissionStatus(Caller caller, string assignmentId, string studentId, SubmissionStatus status, CancellationToken cancellationToken)
    {
        CallerRules.Validate(caller);
        RequireCreated();
        new Validator()
            .Id("assignmentId", assignmentId)
            .Id("studentId", studentId)
            .Defined("status", status)
            .ThrowIfInvalid();
        if (!IsManager(caller) && !(caller.Role == CallerRole.Student && caller.Is(studentId)))
        {
            throw Denied(caller, $"change the work of student '{studentId}' in");
        }

        return await ApplyAsync(ClassAssignments.SetStatus(State, caller, assignmentId, studentId, status, Now), cancellationToken);
    }

    /// <inheritdoc />
    public Task<Contracts.Students.ClassMembership?> GetMembership(string studentId)
        => Task.FromResult(ClassRoster.MembershipOf(State, ClassId, studentId));

    /// <inheritdoc />
    public Task<bool> IsTeacherOrMember(string userId)
        => Task.FromResult(State.IsCreated && (State.TeacherId == userId || ClassRoster.IsMember(State, userId)));

    private async Task<TResult> ApplyAsync<TResult>(Outcome<ClassState, TResult> outcome, CancellationToken cancellationToken)
    {
        // No write is started for a caller who has given up; recorded intent is finished by reconciliation anyway.
        if (!ReferenceEquals(outcome.State, State))
        {
            Limits.RoomForBytes(ClassSize.Projected(outcome.State, ClassId), () => ClassSize.Projected(State, ClassId), DomainLimits.ClassBytes, $"Class '{ClassId}'");
            cancellationToken.ThrowIfCancellationRequested();
        }

        await SaveIfChangedAsync(outcome.State);
        return outcome.Result;
    }

    private async Task SaveIfChangedAsync(ClassState next)
    {
        if (!ReferenceEquals(next, State))
        {
            await storage.WriteOrRevertAsync(next);
        }
    }

    private ClassDetails DetailsFor(Caller caller)
    {
        var state = State;
        if (IsManager(caller))
        {
            return new ClassDetails(ClassId, state.Title!, state.TeacherId, state.CreatedAt, state.Roster, state.Assignments);
        }

        // A student sees their own roster entry and their own work only.
        return new ClassDetails(
            ClassId,
            state.Title!,
            state.TeacherId,
            state.CreatedAt,
            [.. state.Roster.Where(e => caller.Is(e.StudentId))],
            [.. state.Assignments.Select(a => a with { Work = [.. a.Work.Where(w => caller.Is(w.StudentId))], CopyIssues = [.. a.CopyIssues.Where(i => caller.Is(i.StudentId))] })]);
    }

    private Caller TeacherCaller => Caller.Teacher(State.TeacherId);

    private bool IsManager(Caller caller) => caller.IsAdmin || (caller.Role == CallerRole.Teacher && caller.Is(State.TeacherId));

    private void RequireCreated()
    {
        if (!State.IsCreated)
        {
            throw new NotFoundException("class", ClassId);
        }
    }

    private void RequireManager(Caller caller, string action)
    {
        CallerRules.Validate(caller);
        RequireCreated();
        if (!IsManager(caller))
        {
            throw Denied(caller, action);
        }
    }

    private AccessDeniedException Denied(Caller caller, string action) => new($"{caller} may not {action} class '{ClassId}'.");

    private IStudentClassSync Student(string studentId) => GrainFactory.GetGrain<IStudentClassSync>(studentId);

    private IDocumentGrain Document(string documentId) => GrainFactory.GetGrain<IDocumentGrain>(documentId);
}
