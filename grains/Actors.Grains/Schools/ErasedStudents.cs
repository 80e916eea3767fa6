using System.Security.Cryptography;
using System.Text;

namespace Actors.Grains.Schools;

/// <summary>
/// The students a school has erased, remembered so that a repeated erasure answers as the first did (success, no
/// write) and a school administrator can still list the erased student's audit trail — who was shown the records
/// before they went. Kept as SHA-256 digests of their ids, not ids: the school's row names no
/// erased student, as no other grain row does after an erasure (the audit trail's own table keeps the id, by design).
/// Rostering the id again forgets it: it is a new student from then on.
/// </summary>
internal static class ErasedStudents
{
    public static bool Contains(SchoolState state, string studentId) => state.Erased.Contains(Digest(studentId));

    public static SchoolState Add(SchoolState state, string studentId) => state with { Erased = state.Erased.Add(Digest(studentId)) };

    public static SchoolState Forget(SchoolState state, string studentId)
        => state.Erased.Count == 0 ? state : state with { Erased = state.Erased.Remove(Digest(studentId)) };

    /// <summary>The digest kept instead of the id; documents keep the same (<c>Documents/ErasedReaders.cs</c>).</summary>
    public static string Digest(string studentId) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(studentId)));
}
