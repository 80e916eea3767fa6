using Actors.Contracts.Students;
using Orleans.Concurrency;

namespace Actors.Contracts.Internal;

/// <summary>
/// Grain-to-grain only (the gateway must not expose it): what a class's roster says about a user. The class
/// grain implements it; students and documents ask it rather than trusting what a caller claims.
/// Both methods are read-only and <see cref="AlwaysInterleaveAttribute"/>, so a class that is itself waiting on
/// the asking grain (an enrollment in progress calls the student, which calls back here) does not deadlock. They
/// answer from the class's last <i>durable</i> state, never from a change whose write is still in flight.
/// </summary>
[ClusterInternal, Alias("Actors.IClassMembershipSource")]
public interface IClassMembershipSource : IGrainWithStringKey
{
    /// <summary>
    /// The entry the student's class list should hold: an active membership while enrolled or joining, an invitation
    /// while invited, null while leaving or absent.
    /// </summary>
    [AlwaysInterleave, Alias("GetMembership")]
    Task<ClassMembership?> GetMembership(string studentId);

    /// <summary>
    /// True when the class gives <paramref name="caller"/> access to what is shared with it: its teacher, and its
    /// students enrolled (or joining) — not invited ones. False for a class that does not exist and for callers of
    /// another school.
    /// </summary>
    [AlwaysInterleave, Alias("GrantsAccess")]
    Task<bool> GrantsAccess(Caller caller);
}
