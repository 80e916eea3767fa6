using Actors.Contracts.Students;

namespace Actors.Contracts.Internal;

/// <summary>
/// Grain-to-grain only: a student's records in a class, for the school grain's export and erasure (the school checks
/// the caller). The class grain implements it.
/// </summary>
[ClusterInternal, Alias("Actors.IClassRecords")]
public interface IClassRecords : IGrainWithStringKey
{
    /// <summary>The class as it concerns <paramref name="studentId"/>; null if the class does not exist.</summary>
    [Alias("RecordsOf")]
    Task<StudentClassRecords?> RecordsOf(string studentId);

    /// <summary>Drops <paramref name="studentId"/> from the roster and every assignment's work list at once (no leaving step: the student is being erased). Idempotent.</summary>
    [Alias("EraseStudent")]
    Task EraseStudent(string studentId);
}
