namespace Actors.Contracts.Documents;

/// <summary>
/// The id of a student's copy of an assigned document, derived from (class, assignment, student). Because it is
/// derived rather than generated, creating the copy again after a failure addresses the same grain, which makes
/// the step idempotent without recording an id first.
/// </summary>
public static class DocumentCopyId
{
    /// <summary>Separates the parts; ids never contain it, so the parts can be recovered.</summary>
    public const char Separator = '~';

    /// <summary>The copy of assignment <paramref name="assignmentId"/> of class <paramref name="classId"/> for <paramref name="studentId"/>.</summary>
    public static string For(string classId, string assignmentId, string studentId)
        => string.Join(Separator, classId, assignmentId, studentId);

    /// <summary>
    /// True for an id a document may be addressed by: an id (<see cref="GrainKeys.IsValidId"/>), or a copy's id made of
    /// three of them by <see cref="For"/>. Documents created by users never have the second form (their ids follow the id rule).
    /// </summary>
    public static bool IsDocumentId(string? id)
    {
        if (GrainKeys.IsValidId(id))
        {
            return true;
        }

        var parts = id?.Split(Separator);
        return parts is { Length: 3 } && parts.All(GrainKeys.IsValidId);
    }

    /// <summary>The class of a copy's id made by <see cref="For"/>; null for any other document id.</summary>
    public static string? ClassOf(string documentId)
    {
        var parts = documentId.Split(Separator);
        return parts is { Length: 3 } && parts.All(GrainKeys.IsValidId) ? parts[0] : null;
    }
}
