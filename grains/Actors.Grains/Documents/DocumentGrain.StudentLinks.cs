using Actors.Contracts;
using Actors.Contracts.Internal;

namespace Actors.Grains.Documents;

/// <summary>
/// Keeping the students' indexes of documents (<see cref="IStudentDocumentLinks"/>) ahead of the document: before a
/// change that relates a student to it is written — they create it, it becomes their copy, it is shared with them by
/// name, they annotate it — the document has the student grain record it. First the index, then the change: a crash
/// in between leaves an index entry for a document that holds nothing of theirs (export skips it, erasure finds
/// nothing to do), never a document the student's export and erasure cannot find.
/// </summary>
public sealed partial class DocumentGrain
{
    // Students this activation has already had record the document, so their further annotations call no other grain.
    private readonly HashSet<string> _linkedStudents = new(StringComparer.Ordinal);

    /// <summary>Has <paramref name="userId"/>'s student grain index this document, once per activation (a no-op there for a user who is no student).</summary>
    private async Task LinkStudentAsync(string userId)
    {
        if (_linkedStudents.Contains(userId))
        {
            return;
        }

        await GrainFactory.GetGrain<IStudentDocumentLinks>(Key.Sibling(userId)).LinkDocument(DocumentId);
        _linkedStudents.Add(userId);
    }

    /// <summary>A student's annotation is theirs to export and erase: link them; other roles have no student grain.</summary>
    private Task LinkAuthorAsync(Caller caller) => caller.Role == CallerRole.Student ? LinkStudentAsync(caller.UserId) : Task.CompletedTask;
}
