namespace Actors.Contracts.Internal;

/// <summary>
/// Grain-to-grain only: a document tells the student grain of the same school that the student is related to it —
/// they own it (created it, or it is their copy of an assigned document), it is shared with them by name, or they
/// annotate it — so that the student's export and erasure find every document that holds something of theirs, also
/// after they left the class that led them there. The student grain implements it. The document tells the student
/// <i>before</i> its own change is written, so the student's index is never behind the documents (a link left by a
/// change that then failed only costs the export and erasure a look at a document with nothing of the student's).
/// </summary>
[ClusterInternal, Alias("Actors.IStudentDocumentLinks")]
public interface IStudentDocumentLinks : IGrainWithStringKey
{
    /// <summary>
    /// Records <paramref name="documentId"/> in the student's index of documents (idempotent). Does nothing when the
    /// grain holds no student (an id of a teacher, nobody, or an erased student): a user id alone does not say who
    /// it is. <see cref="Errors.NotFoundException"/> (the student) once their erasure began
    /// (<see cref="IStudentRecords.BeginErasure"/>). <see cref="Errors.QuotaExceededException"/> when the index is full
    /// (<see cref="DomainLimits.DocumentsPerStudent"/>).
    /// </summary>
    [Alias("LinkDocument")]
    Task LinkDocument(string documentId);
}
