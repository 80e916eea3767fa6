namespace Actors.Contracts.Schools;

/// <summary>
/// A school (key: the school id): who belongs to it — its roster of students and teachers. Only the school's
/// administrators use it; everyone else, and every caller of another school, is refused (a caller of another
/// school can only ever name their own school: the gateway keys this grain by the caller's school).
/// <para>
/// Rostering a student makes their student grain exist (it mirrors the roster through an internal, idempotent
/// sync), and lets teachers of the school invite them to classes. A teacher must be rostered before a class is
/// created for them. Changes are one user at a time and idempotent; each is a pure function of the roster, so a
/// bulk import can apply many rows in one write (see docs/domain.md).
/// </para>
/// </summary>
[Alias("Actors.ISchoolGrain")]
public interface ISchoolGrain : IGrainWithStringKey
{
    /// <summary>
    /// Rosters a user. Repeating it with the same role and name returns the member; a new name renames them; another
    /// role is a conflict (a user keeps one role in a school: remove them first).
    /// </summary>
    [Alias("AddMember")]
    Task<SchoolMember> AddMember(Caller caller, string userId, SchoolMemberDraft draft, CancellationToken cancellationToken = default);

    /// <summary>Takes a user off the roster. Idempotent. A student removed no longer exists for anyone.</summary>
    [Alias("RemoveMember")]
    Task RemoveMember(Caller caller, string userId, CancellationToken cancellationToken = default);

    /// <summary>One member; <see cref="Errors.NotFoundException"/> if the user is not on the roster.</summary>
    [Alias("GetMember")]
    Task<SchoolMember> GetMember(Caller caller, string userId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Members in user-id order after <paramref name="afterUserId"/> (null: from the start), at most
    /// <paramref name="limit"/>, optionally only of one <paramref name="role"/>.
    /// </summary>
    [Alias("ListMembers")]
    Task<SchoolMemberPage> ListMembers(Caller caller, SchoolRole? role, string? afterUserId, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Imports one batch of rows of a OneRoster CSV file (at most <see cref="DomainLimits.RosterRowsPerCall"/>):
    /// users are rostered, classes remembered (a teacher's enrollment creates the class), enrollments active at once.
    /// Each row is applied whole or not at all and reported with its outcome; a bad row fails alone. Importing the
    /// same rows again changes nothing (every row reports <see cref="RosterRowOutcome.Unchanged"/>).
    /// </summary>
    [Alias("ImportRoster")]
    Task<IReadOnlyList<RosterRowResult>> ImportRoster(Caller caller, RosterFile file, IReadOnlyList<RosterRow> rows, CancellationToken cancellationToken = default);

    /// <summary>
    /// The audit trail of one rostered student: every read of their records by someone other than them, oldest first,
    /// after <paramref name="after"/> (null: from the start), at most <paramref name="limit"/>. Includes reads whose
    /// events were still buffered. <see cref="Errors.NotFoundException"/> for a student not on the roster.
    /// </summary>
    [Alias("ListAuditEvents")]
    Task<Audit.AuditEventPage> ListAuditEvents(Caller caller, string studentId, Audit.AuditCursor? after, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Everything stored about one student (<see cref="Students.StudentRecordExport"/>), recorded in their audit trail.
    /// <see cref="Errors.NotFoundException"/> for an id that is no student of the school (never rostered, a teacher,
    /// erased).
    /// </summary>
    [Alias("ExportStudentRecords")]
    Task<Students.StudentRecordExport> ExportStudentRecords(Caller caller, string studentId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Erases a student: off the roster, their grain's state a tombstone, their copies erased, their annotations in
    /// shared documents deleted, their entries in classes gone. The intent is recorded first, so an erasure cut short
    /// (a silo killed) is finished by a repeated call or by the school on its own. Repeating it while unfinished
    /// finishes it; once finished the student is no one (<see cref="Errors.NotFoundException"/>, as for an id never
    /// used) and nothing changes.
    /// </summary>
    [Alias("EraseStudent")]
    Task EraseStudent(Caller caller, string studentId, CancellationToken cancellationToken = default);
}
