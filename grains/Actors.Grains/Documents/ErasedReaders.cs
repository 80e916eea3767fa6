using Actors.Contracts;
using Actors.Contracts.Errors;
using Actors.Grains.Schools;

namespace Actors.Grains.Documents;

/// <summary>
/// The students a document was cleaned of by an erasure (<see cref="DocumentState.ErasedStudents"/>), kept as digests
/// like the school's <see cref="Schools.ErasedStudents"/> so the row names no one. Why the document must remember:
/// an activation that linked a student once does not ask their grain again per annotation, and a share or an
/// annotation queued before the erasure's change can be written after it — either would put the student back into
/// a document already cleaned. Checked inside the group commit's changes, so whatever is written after the erasure
/// sees it. Documents never forget: rostering the same id again makes a new student for the school, but these
/// documents go on refusing that id (see docs/domain.md, "Erasure").
/// </summary>
internal static class ErasedReaders
{
    public static bool Contains(DocumentState state, string userId)
        => state.ErasedStudents.Count > 0 && state.ErasedStudents.Contains(ErasedStudents.Digest(userId));

    public static DocumentState Add(DocumentState state, string studentId)
        => Contains(state, studentId) ? state : state with { ErasedStudents = state.ErasedStudents.Add(ErasedStudents.Digest(studentId)) };

    /// <summary>An erased student calling (a token still valid): the document does not exist for them.</summary>
    public static bool IsErasedCaller(DocumentState state, Caller caller) => caller.Role == CallerRole.Student && Contains(state, caller.UserId);

    /// <summary>Sharing with an erased student by name: they do not exist, as the student grain answers while it is erased.</summary>
    public static void RequireNotErased(DocumentState state, string userId)
    {
        if (Contains(state, userId))
        {
            throw new NotFoundException("student", userId);
        }
    }
}
