using Actors.Contracts.Schools;
using Orleans.Concurrency;

namespace Actors.Contracts.Internal;

/// <summary>
/// Grain-to-grain only: who is on a school's roster, for the grains of that school (a class checking a teacher or an
/// invited student, a student grain mirroring its own rostering). The school grain implements it. Read-only and
/// <see cref="AlwaysInterleaveAttribute"/> (a school adding a student waits on the student, which asks back here),
/// answering from the school's last durable state.
/// </summary>
[ClusterInternal, Alias("Actors.ISchoolDirectory")]
public interface ISchoolDirectory : IGrainWithStringKey
{
    /// <summary>The member, while rostered (being added or added); null otherwise.</summary>
    [AlwaysInterleave, Alias("FindMember")]
    Task<SchoolMember?> FindMember(string userId);

    /// <summary>
    /// True while the school erases <paramref name="userId"/> as a student or remembers having erased them (until the
    /// id is rostered again): a student grain with nothing left asks, so that no document gains an erased student.
    /// </summary>
    [AlwaysInterleave, Alias("IsErased")]
    Task<bool> IsErased(string userId);
}
