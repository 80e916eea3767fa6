namespace Actors.Contracts.Classes;

/// <summary>
/// A class (key: <c>{schoolId}/{classId}</c>, see <see cref="GrainKeys"/>): its teacher, title, roster, join code,
/// assignments and each student's submission status. Its teacher and the school's administrators manage it; its
/// students may read it (their own work only). Callers of another school are answered as if it did not exist.
/// <para>
/// Enrolling, removing and assigning span several grains (the class, the students, the students' document
/// copies). The class records its intent first and then carries the other steps out idempotently; repeating
/// the call, or any later activation of the class, finishes an interrupted one. See docs/domain.md.
/// </para>
/// </summary>
[Alias("Actors.IClassGrain")]
public interface IClassGrain : IGrainWithStringKey
{
    /// <summary>Creates the class. Repeating it with the same title and teacher returns the class; anything else is a conflict.</summary>
    [Alias("Create")]
    Task<ClassDetails> Create(Caller caller, ClassDraft draft, CancellationToken cancellationToken = default);

    /// <summary>The class; <see cref="Errors.NotFoundException"/> if it was never created.</summary>
    [Alias("GetDetails")]
    Task<ClassDetails> GetDetails(Caller caller, CancellationToken cancellationToken = default);

    /// <summary>
    /// Enrolls a student rostered in the class's school. By the class's teacher it is an <i>invitation</i>
    /// (<see cref="RosterState.Invited"/>): the student must accept it (or join with the code) before the teacher
    /// sees anything of them. By a school administrator it is active at once: the roster, the student's class list,
    /// and copies of the existing assignments. Idempotent.
    /// </summary>
    [Alias("Enroll")]
    Task<ClassDetails> Enroll(Caller caller, string studentId, CancellationToken cancellationToken = default);

    /// <summary>The invited student (the caller) accepts: the enrollment becomes active. Idempotent once active.</summary>
    [Alias("AcceptInvitation")]
    Task<ClassDetails> AcceptInvitation(Caller caller, CancellationToken cancellationToken = default);

    /// <summary>The invited student (the caller) declines: the invitation goes. Idempotent.</summary>
    [Alias("DeclineInvitation")]
    Task DeclineInvitation(Caller caller, CancellationToken cancellationToken = default);

    /// <summary>
    /// A student of the class's school (the caller) joins with the class's join code, invited or not: the enrollment
    /// is active at once, as after an acceptance. A wrong code is refused. Idempotent.
    /// </summary>
    [Alias("Join")]
    Task<ClassDetails> Join(Caller caller, string joinCode, CancellationToken cancellationToken = default);

    /// <summary>The code students join the class with (the teacher and school administrators).</summary>
    [Alias("GetJoinCode")]
    Task<string> GetJoinCode(Caller caller, CancellationToken cancellationToken = default);

    /// <summary>Replaces the join code with a new random one; the old one stops working (the teacher and school administrators).</summary>
    [Alias("RotateJoinCode")]
    Task<string> RotateJoinCode(Caller caller, CancellationToken cancellationToken = default);

    /// <summary>Removes a student from the roster and the student's class list. Idempotent. The student keeps their copies.</summary>
    [Alias("Remove")]
    Task<ClassDetails> Remove(Caller caller, string studentId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Hands a document out: every enrolled student gets their own copy, linked to the original. Repeating it with
    /// the same id, document and due date finishes or returns it; a different document or due date is a conflict.
    /// </summary>
    [Alias("AssignDocument")]
    Task<Assignment> AssignDocument(Caller caller, string assignmentId, AssignmentDraft draft, CancellationToken cancellationToken = default);

    /// <summary>The students' work on an assignment: all of it for the teacher, their own for a student.</summary>
    [Alias("GetSubmissions")]
    Task<IReadOnlyList<StudentWork>> GetSubmissions(Caller caller, string assignmentId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Moves a student's work on. The student: not started → in progress → submitted, and returned → in progress.
    /// The teacher: submitted → returned. School administrators: anything. Setting the current status again is a no-op.
    /// </summary>
    [Alias("SetSubmissionStatus")]
    Task<StudentWork> SetSubmissionStatus(Caller caller, string assignmentId, string studentId, SubmissionStatus status, CancellationToken cancellationToken = default);
}
