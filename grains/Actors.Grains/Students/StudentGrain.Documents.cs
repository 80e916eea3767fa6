using Actors.Contracts;
using Actors.Contracts.Documents;
using Actors.Contracts.Errors;
using Actors.Contracts.Internal;
using Actors.Grains.Validation;

namespace Actors.Grains.Students;

/// <summary>
/// The student's index of documents (<see cref="Contracts.Internal.IStudentDocumentLinks"/>): a document names the
/// student here before it writes a change that relates them (ownership, a share by name, their first annotation in
/// that activation), so the school's export and erasure reach every document of the student's through this grain —
/// not only those of the classes they are in now.
/// </summary>
public sealed partial class StudentGrain
{
    /// <inheritdoc />
    public async Task LinkDocument(string documentId)
    {
        new Validator().When(!DocumentCopyId.IsDocumentId(documentId), "documentId", "is not a document id.").ThrowIfInvalid();

        // Being erased: the erasure has read (or is about to read) the index, so a document linked now would keep the
        // student after it. The document passes this on to its caller: the student is not found.
        // After it, the grain holds nothing and cannot tell an erased student from a teacher's id; the school can (a
        // call only for ids that hold nothing here: a teacher or nobody named as a reader).
        if (State.IsBeingErased || (!State.IsRostered && !storage.RecordExists && Key.HasSchool
            && await GrainFactory.GetGrain<ISchoolDirectory>(Key.SchoolId).IsErased(StudentId)))
        {
            throw new NotFoundException("student", StudentId);
        }

        // Only a student the school holds records of gets an index: the document knows a user id, not whether it is a
        // student's, and an id of a teacher, of nobody, or of an erased student must not gain a row here.
        if (!State.Documents.ContainsKey(documentId) && (State.IsRostered || storage.RecordExists))
        {
            Limits.RoomForOneMore(State.Documents.Count, DomainLimits.DocumentsPerStudent, $"the documents of student '{StudentId}'");
            await SaveAsync(State with { Documents = State.Documents.Add(documentId, new StudentDocumentLink { LinkedAt = Now }) });
        }

        SleepIfOnlySynced();
    }
}
