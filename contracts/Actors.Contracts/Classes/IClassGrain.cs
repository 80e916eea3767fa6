namespace Actors.Contracts.Classes;

/// <summary>
/// A class (key: class id): its teacher, title, roster, assignments and each student's submission status.
/// The teacher and administrators manage it; enrolled students may read it (their own work only).
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

    /// <summary>Enrolls a student: the roster and the student's class list, plus copies of the existing assignments. Idempotent.</summary>
    [Alias("Enroll")]
    Task<ClassDetails> Enroll(Caller caller, string studentId, CancellationToken cancellationToken = default);

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
    /// The teacher: submitted → returned. Administrators: anything. Setting the current status again is a no-op.
    /// </summary>
    [Alias("SetSubmissionStatus")]
    Task<StudentWork> SetSubmissionStatus(Caller caller, string assignmentId, string studentId, SubmissionStatus status, CancellationToken cancellationToken = default);
}
