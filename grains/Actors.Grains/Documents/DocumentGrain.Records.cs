using Actors.Contracts;
using Actors.Contracts.Internal;
using Actors.Contracts.Students;

namespace Actors.Grains.Documents;

/// <summary>
/// A student's records in the document (<see cref="IDocumentRecords"/>), for the school's export and erasure. The
/// erasure is a change like any other, through the group commit, so it cannot race a concurrent annotation.
/// </summary>
public sealed partial class DocumentGrain
{
    /// <inheritdoc />
    public Task<StudentDocumentRecords?> RecordsOf(string studentId)
    {
        var state = _commits.Committed;
        if (!state.IsCreated)
        {
            return Task.FromResult<StudentDocumentRecords?>(null);
        }

        var owned = DocumentChanges.IsOwnedByStudent(state, studentId);
        var annotations = state.Annotations.Values
            .Where(a => owned || (a.AuthorId == studentId && a.AuthorRole is CallerRole.Student or null))
            .OrderBy(a => a.AddedAtSequence)
            .ToList();
        return Task.FromResult<StudentDocumentRecords?>(new StudentDocumentRecords(DocumentChanges.Info(Key, state), owned, annotations, state.ReaderIds.Contains(studentId)));
    }

    /// <inheritdoc />
    public async Task EraseStudent(string studentId)
    {
        // The id may be rostered again, as a new student with an empty index.
        _linkedStudents.Remove(studentId);
        if (await _commits.Submit((state, events) => DocumentChanges.EraseStudent(state, events, studentId, Now)))
        {
            // The event window in memory still holds the student's annotations: drop it with the activation (open
            // watches end and resume from the durable state).
            this.DeactivateOnIdle();
        }
    }
}
