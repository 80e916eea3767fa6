using Actors.Contracts.Students;

namespace Actors.Contracts.Internal;

/// <summary>
/// Grain-to-grain only: a student's records in a document, for the school grain's export and erasure (the school
/// checks the caller). The document grain implements it.
/// </summary>
[ClusterInternal, Alias("Actors.IDocumentRecords")]
public interface IDocumentRecords : IGrainWithStringKey
{
    /// <summary>The whole document if the student owns it (their copy), else their annotations in it; null if it does not exist.</summary>
    [Alias("RecordsOf")]
    Task<StudentDocumentRecords?> RecordsOf(string studentId);

    /// <summary>
    /// Erases the student from the document: a document they own (their copy) is erased whole (a tombstone row); in
    /// another, their annotations are deleted (watchers see the deletions), the tombstones of their earlier deletions
    /// forget who made them, and they stop being a named reader. Idempotent.
    /// </summary>
    [Alias("EraseStudent")]
    Task EraseStudent(string studentId);
}
