namespace Actors.Contracts.Internal;

/// <summary>
/// Grain-to-grain only: the school grain's way into a student's records for what only a school administrator may
/// ask of them as a whole (the audit trail; export and erasure). The student grain implements it; the school checks
/// the caller before calling.
/// </summary>
[Alias("Actors.IStudentRecords")]
public interface IStudentRecords : IGrainWithStringKey
{
    /// <summary>Writes the audit events the student has buffered, so that a listing that follows sees every read so far.</summary>
    [Alias("FlushAudit")]
    Task FlushAudit();
}
