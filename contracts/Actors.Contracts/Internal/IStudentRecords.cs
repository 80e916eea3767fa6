namespace Actors.Contracts.Internal;

/// <summary>
/// Grain-to-grain only: the school grain's way into a student's records for what only a school administrator may
/// ask of them as a whole (the audit trail; export and erasure). The student grain implements it; the school checks
/// the caller before calling.
/// </summary>
[ClusterInternal, Alias("Actors.IStudentRecords")]
public interface IStudentRecords : IGrainWithStringKey
{
    /// <summary>Writes the audit events the student has buffered, so that a listing that follows sees every read so far.</summary>
    [Alias("FlushAudit")]
    Task FlushAudit();

    /// <summary>All the student grain holds (private reflections included), recorded in the audit trail as an export by <paramref name="caller"/>.</summary>
    [Alias("Export")]
    Task<Students.StudentRecords> Export(Caller caller);

    /// <summary>True while the grain holds anything of the student (rostered, or removed from the roster with their records kept).</summary>
    [Alias("HoldsRecords")]
    Task<bool> HoldsRecords();

    /// <summary>The classes the student's list holds (members and invitations): where an erasure must look.</summary>
    [Alias("GetClassIds")]
    Task<IReadOnlyList<string>> GetClassIds();

    /// <summary>
    /// The documents the student's index holds (<see cref="IStudentDocumentLinks"/>): those they own, were shared by
    /// name or annotated — where an export and an erasure must look besides their classes' documents.
    /// </summary>
    [Alias("GetDocumentIds")]
    Task<IReadOnlyList<string>> GetDocumentIds();

    /// <summary>
    /// Marks the student as being erased, durably, before the erasure touches any document: from then on
    /// <see cref="IStudentDocumentLinks.LinkDocument"/> refuses (<see cref="Errors.NotFoundException"/>), so no
    /// document gains the student while the erasure runs. Idempotent; nothing is written for a grain holding nothing.
    /// </summary>
    [Alias("BeginErasure")]
    Task BeginErasure();

    /// <summary>
    /// Erases the student grain's state: the row becomes a tombstone (its version moves on, so an old ETag never
    /// matches), buffered page views are dropped, buffered audit events are written first. Idempotent.
    /// </summary>
    [Alias("Erase")]
    Task Erase();
}
