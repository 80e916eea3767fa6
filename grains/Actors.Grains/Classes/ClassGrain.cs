using Actors.Contracts;
using Actors.Contracts.Classes;
using Actors.Contracts.Documents;
using Actors.Contracts.Errors;
using Actors.Contracts.Internal;
using Actors.Contracts.Schools;
using Actors.Grains.Coordination;
using Actors.Grains.Persistence;
using Actors.Grains.Validation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace Actors.Grains.Classes;

/// <summary>
/// A class (key <c>{schoolId}/{classId}</c>), and the coordinator of everything that spans it and other grains.
/// Enrollment, removal and assignment follow one pattern: (1) record the intent in the class's own row, (2) carry
/// out the steps on the other grains, each idempotent, (3) record that they are done. A failure after (1) leaves
/// intent that <see cref="ReconcileAsync"/> finishes — when the call is repeated, on the class's next activation,
/// and on a timer meanwhile — so an interrupted enrollment converges instead of staying half done. Who may do what
/// is <see cref="ClassAccess"/>; the roster's states are <see cref="ClassRoster"/>.
/// <para>
/// Not reentrant: one call at a time keeps "read state, call out, write state" free of lost updates. The two
/// read-only <see cref="IClassMembershipSource"/> methods interleave, because the student and document grains
/// this class calls call back into them; they read <see cref="DurableState{TState}.Durable"/>, never a state whose
/// write is in flight.
/// </para>
/// </summary>
[GrainType("class")]
public sealed partial class ClassGrain(
    [PersistentState("class", "actors")] IPersistentState<ClassState> storage,
    IOptions<ClassGrainOptions> options,
    TimeProvider time,
    ILogger<ClassGrain> logger) : Grain, IClassGrain, IClassMembershipSource, IClassDocumentLinks, IClassRosterImport, IClassRecords
{
    private readonly ClassGrainOptions _options = options.Value;
    private ReconcileFailures _failures = new();
    private DurableState<ClassState> _state = null!;
    private Reconciler _reconciler = null!;
    private SchoolScopedKey? _key;

    /// <summary>The class's school and id.</summary>
    private SchoolScopedKey Key => _key ??= GrainKeys.ParseOrNone(this.GetPrimaryKeyString());

    private string ClassId => Key.Id;

    private ClassState State => _state.Current;

    private DateTimeOffset Now => time.GetUtcNow();

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _state = new DurableState<ClassState>(storage, OnSaved);
        _state.Load(ClassStateMigration.Upgrade(storage.State, storage.RecordExists));
        _reconciler = new Reconciler(this, ReconcileAsync, HasUnfinishedWork, _options.ReconcileRetryInterval, e => LogReconcileFailed(e, ClassId));
        if (HasUnfinishedWork())
        {
            // A previous activation stopped half way (a failure, a killed silo): finish what it recorded.
            _reconciler.Schedule(TimeSpan.Zero);
        }

        return Task.CompletedTask;
    }

    public async Task<ClassDetails> Create(Caller caller, ClassDraft draft, CancellationToken cancellationToken)
    {
        var teacherId = ClassAccess.TeacherOfNewClass(Key, caller, draft?.TeacherId);
        Validator.NotNull(draft, "draft");
        new Validator()
            .Id("classId", ClassId)
            .Text("draft.title", draft.Title, DomainLimits.ShortTextLength)
            .Id("draft.teacherId", teacherId)
            .ThrowIfInvalid();

        if (State.IsCreated)
        {
            // Nothing about the existing class (title, teacher) goes into the refusal.
            if (State.Title != draft.Title || State.TeacherId != teacherId)
            {
                throw new ConflictException($"Class id '{ClassId}' is already taken; choose another id.");
            }

            // A retry: finish listing the class with its teacher.
            await _reconciler.CompleteAsync();
            _failures.ThrowForTeacherList();
            return DetailsFor(caller);
        }

        if (await School.FindMember(teacherId) is not { Role: SchoolRole.Teacher })
        {
            throw new NotFoundException("teacher", teacherId);
        }

        cancellationToken.ThrowIfCancellationRequested();
        await SaveIfChangedAsync(State with { Title = draft.Title, TeacherId = teacherId, CreatedAt = Now, JoinCode = JoinCodes.New() });
        await _reconciler.CompleteAsync();
        _failures.ThrowForTeacherList();
        return DetailsFor(caller);
    }

    public Task<ClassDetails> GetDetails(Caller caller, CancellationToken cancellationToken)
    {
        ClassAccess.RequireReader(State, Key, caller);
        return Task.FromResult(DetailsFor(caller));
    }

    public async Task<ClassDetails> Enroll(Caller caller, string studentId, CancellationToken cancellationToken)
    {
        ClassAccess.RequireManager(State, Key, caller, "enroll students in");
        new Validator().Id("studentId", studentId).ThrowIfInvalid();
        var outcome = ClassAccess.IsTeacher(State, Key, caller) ? ClassRoster.Invite(State, studentId, Now) : ClassRoster.Admit(State, studentId, Now);
        var repeated = !outcome.Changes(State) && !ClassRoster.IsInFlight(outcome.Result);
        if (!repeated)
        {
            await RequireRosteredStudentAsync(studentId);
        }

        await ApplyAndCompleteAsync(outcome, studentId, cancellationToken);
        if (repeated)
        {
            // A repeated enrollment re-asserts the student's side too, repairing it if it was ever lost.
            await Student(studentId).SyncClass(ClassId);
        }

        return DetailsFor(caller);
    }

    public async Task<ClassDetails> AcceptInvitation(Caller caller, CancellationToken cancellationToken)
    {
        ClassAccess.RequireStudent(State, Key, caller, "accept an invitation to");
        var entry = ClassRoster.Find(State, caller.UserId);
        if (entry is null || entry.State == RosterState.Leaving)
        {
            throw new NotFoundException("invitation to class", ClassId);
        }

        await ApplyAndCompleteAsync(ClassRoster.Admit(State, caller.UserId, Now), caller.UserId, cancellationToken);
        return DetailsFor(caller);
    }

    public async Task DeclineInvitation(Caller caller, CancellationToken cancellationToken)
    {
        ClassAccess.RequireStudent(State, Key, caller, "decline an invitation to");
        if (ClassRoster.IsMember(ClassRoster.Find(State, caller.UserId)))
        {
            throw new ConflictException($"The student is a member of class '{ClassId}', not invited; the class's teacher removes members.");
        }

        await ApplyAndCompleteAsync(ClassRoster.Remove(State, caller.UserId), caller.UserId, cancellationToken);
    }

    public async Task<ClassDetails> Join(Caller caller, string joinCode, CancellationToken cancellationToken)
    {
        ClassAccess.RequireStudent(State, Key, caller, "join");
        new Validator().Text("joinCode", joinCode, DomainLimits.ShortTextLength).ThrowIfInvalid();
        if (!JoinCodes.Match(State.JoinCode, joinCode))
        {
            throw new AccessDeniedException($"The join code does not open class '{ClassId}'.");
        }

        var outcome = ClassRoster.Admit(State, caller.UserId, Now);
        if (outcome.Changes(State))
        {
            await RequireRosteredStudentAsync(caller.UserId);
        }

        await ApplyAndCompleteAsync(outcome, caller.UserId, cancellationToken);
        return DetailsFor(caller);
    }

    public async Task<string> GetJoinCode(Caller caller, CancellationToken cancellationToken)
    {
        ClassAccess.RequireManager(State, Key, caller, "read the join code of");
        return State.JoinCode ?? await RotateJoinCode(caller, cancellationToken);
    }

    public async Task<string> RotateJoinCode(Caller caller, CancellationToken cancellationToken)
    {
        ClassAccess.RequireManager(State, Key, caller, "change the join code of");
        cancellationToken.ThrowIfCancellationRequested();
        await SaveIfChangedAsync(State with { JoinCode = JoinCodes.New() });
        return State.JoinCode!;
    }

    public async Task<ClassDetails> Remove(Caller caller, string studentId, CancellationToken cancellationToken)
    {
        ClassAccess.RequireManager(State, Key, caller, "remove students from");
        new Validator().Id("studentId", studentId).ThrowIfInvalid();
        var outcome = ClassRoster.Remove(State, studentId);
        await ApplyAndCompleteAsync(outcome, studentId, cancellationToken);
        if (outcome.Result is null)
        {
            // Not on the roster (any more): make sure the student does not list the class either.
            await Student(studentId).SyncClass(ClassId);
        }

        return DetailsFor(caller);
    }

    public async Task<Assignment> AssignDocument(Caller caller, string assignmentId, AssignmentDraft draft, CancellationToken cancellationToken)
    {
        ClassAccess.RequireManager(State, Key, caller, "assign documents in");
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
            await _reconciler.CompleteAsync();
            _failures.ThrowForAssignment(assignmentId);
            return ClassAssignments.Find(State, assignmentId);
        }

        if (draft.DueAt <= Now)
        {
            throw new ValidationException("draft.dueAt", $"is {draft.DueAt:O}; it must be in the future.");
        }

        // The original is read on behalf of the class's teacher (also when a school administrator assigns): the teacher
        // must be able to read what they hand out. What the copies need of it is kept with the assignment, so copies for
        // students enrolled later do not depend on the teacher's access to the original lasting.
        var original = await Document(draft.DocumentId).GetInfo(TeacherCaller, cancellationToken);
        await ApplyAsync(ClassAssignments.Record(State, assignmentId, draft, original, Now), cancellationToken);
        await _reconciler.CompleteAsync();
        _failures.ThrowForAssignment(assignmentId);
        return ClassAssignments.Find(State, assignmentId);
    }

    public Task<IReadOnlyList<StudentWork>> GetSubmissions(Caller caller, string assignmentId, CancellationToken cancellationToken)
    {
        ClassAccess.RequireManagerOrMember(State, Key, caller, "read the submissions of");
        new Validator().Id("assignmentId", assignmentId).ThrowIfInvalid();
        var work = ClassAssignments.Find(State, assignmentId).Work;
        return Task.FromResult<IReadOnlyList<StudentWork>>(
            ClassAccess.IsManager(State, Key, caller) ? work : [.. work.Where(w => w.StudentId == caller.UserId)]);
    }

    public async Task<StudentWork> SetSubmissionStatus(Caller caller, string assignmentId, string studentId, SubmissionStatus status, CancellationToken cancellationToken)
    {
        ClassAccess.Enter(State, Key, caller);
        new Validator()
            .Id("assignmentId", assignmentId)
            .Id("studentId", studentId)
            .Defined("status", status)
            .ThrowIfInvalid();
        if (!ClassAccess.IsManager(State, Key, caller) && !caller.Is(Key.SchoolId, studentId, CallerRole.Student))
        {
            throw ClassAccess.Denied(Key, caller, $"change the work of student '{studentId}' in");
        }

        return await ApplyAsync(ClassAssignments.SetStatus(State, Key, caller, assignmentId, studentId, status, Now), cancellationToken);
    }

    /// <inheritdoc />
    public Task<Contracts.Students.ClassMembership?> GetMembership(string studentId)
        => Task.FromResult(ClassRoster.MembershipOf(_state.Durable, ClassId, studentId));

    /// <inheritdoc />
    public Task<bool> GrantsAccess(Caller caller) => Task.FromResult(ClassAccess.GrantsAccess(_state.Durable, Key, caller));

    /// <inheritdoc />
    public async Task AttachDocument(string documentId)
    {
        if (!State.IsCreated)
        {
            throw new NotFoundException("class", ClassId);
        }

        if (!State.DocumentIds.Contains(documentId))
        {
            Limits.RoomForOneMore(State.DocumentIds.Count, DomainLimits.DocumentsPerClass, "the documents shared with the class");
            await SaveIfChangedAsync(State with { DocumentIds = State.DocumentIds.Add(documentId) });
        }
    }

    /// <inheritdoc />
    public Task DetachDocument(string documentId)
        => State.DocumentIds.Contains(documentId) ? SaveIfChangedAsync(State with { DocumentIds = State.DocumentIds.Remove(documentId) }) : Task.CompletedTask;

    /// <summary>
    /// Writes the roster change, finishes it, and reports to the caller what failed of <paramref name="studentId"/>'s
    /// own items only (their side, their copies), never another student's: a refusal of their side (a limit of theirs
    /// reached; the entry was undone meanwhile, see <see cref="ClassRoster.Refuse"/>) or a failure (kept on the entry
    /// and retried in the background).
    /// </summary>
    private async Task ApplyAndCompleteAsync<TResult>(Outcome<ClassState, TResult> outcome, string studentId, CancellationToken cancellationToken)
    {
        await ApplyAsync(outcome, cancellationToken);
        await _reconciler.CompleteAsync();
        _failures.ThrowForStudent(studentId);
    }

    private Task<TResult> ApplyAsync<TResult>(Outcome<ClassState, TResult> outcome, CancellationToken cancellationToken)
    {
        if (outcome.Changes(State))
        {
            // Admitting intent is where the size is bounded: the copies it will add are counted now (ClassSize).
            Limits.RoomForBytes(ClassSize.Projected(outcome.State, ClassId), () => ClassSize.Projected(State, ClassId), DomainLimits.ClassBytes, $"Class '{ClassId}'");
        }

        return _state.ApplyAsync(outcome, cancellationToken);
    }

    private Task SaveIfChangedAsync(ClassState next) => _state.SaveIfChangedAsync(next);

    /// <summary>Once a change is durable: if someone lost membership, the documents shared with the class stop trusting what they remember of it.</summary>
    private void OnSaved(ClassState before, ClassState after)
    {
        if (!ClassRoster.SomeoneLeft(before, after))
        {
            return;
        }

        foreach (var documentId in after.DocumentIds)
        {
            // One-way: a lost signal only leaves the document to its periodic re-check.
            _ = GrainFactory.GetGrain<IDocumentAccessSignals>(Key.Sibling(documentId)).ClassMembershipChanged(ClassId);
        }
    }

    private ClassDetails DetailsFor(Caller caller)
    {
        var state = State;
        if (ClassAccess.IsManager(state, Key, caller))
        {
            return new ClassDetails(ClassId, state.Title!, state.TeacherId, state.CreatedAt, state.Roster, state.Assignments);
        }

        // A student sees their own roster entry, and — once a member — the assignments with their own work only.
        var own = ClassAccess.OwnEntry(state, Key, caller);
        return new ClassDetails(
            ClassId,
            state.Title!,
            state.TeacherId,
            state.CreatedAt,
            own is null ? [] : [own],
            ClassRoster.IsMember(own)
                ? [.. state.Assignments.Select(a => a with { Work = [.. a.Work.Where(w => w.StudentId == caller.UserId)], CopyIssues = [.. a.CopyIssues.Where(i => i.StudentId == caller.UserId)] })]
                : []);
    }

    private async Task RequireRosteredStudentAsync(string studentId)
    {
        // Only students rostered in the class's own school: a student of another school is, from here, no one.
        if (await School.FindMember(studentId) is not { Role: SchoolRole.Student })
        {
            throw new NotFoundException("student", studentId);
        }
    }

    private Caller TeacherCaller => Caller.Teacher(Key.SchoolId, State.TeacherId);

    private ISchoolDirectory School => GrainFactory.GetGrain<ISchoolDirectory>(Key.SchoolId);

    private IStudentClassSync Student(string studentId) => GrainFactory.GetGrain<IStudentClassSync>(Key.Sibling(studentId));

    private IDocumentGrain Document(string documentId) => GrainFactory.GetGrain<IDocumentGrain>(Key.Sibling(documentId));
}
