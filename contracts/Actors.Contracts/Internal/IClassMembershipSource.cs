using Actors.Contracts.Students;
using Orleans.Concurrency;

namespace Actors.Contracts.Internal;

/// <summary>
/// Grain-to-grain only (the gateway must not expose it): what a class's roster says about a user. The class
/// grain implements it; students and documents ask it rather than trusting what a caller claims.
/// Both methods are read-only and <see cref="AlwaysInterleaveAttribute"/>, so a class that is itself waiting on
/// the asking grain (an enrollment in progress calls the student, which calls back here) does not deadlock.
/// </summary>
[Alias("Actors.IClassMembershipSource")]
public interface IClassMembershipSource : IGrainWithStringKey
{
    /// <summary>The membership the student should hold: set while enrolled or joining, null while leaving or absent.</summary>
    [AlwaysInterleave, Alias("GetMembership")]
    Task<ClassMembership?> GetMembership(string studentId);

    /// <summary>True for the class's teacher and for students enrolled (or joining).</summary>
    [AlwaysInterleave, Alias("IsTeacherOrMember")]
    Task<bool> IsTeacherOrMember(string userId);
}
