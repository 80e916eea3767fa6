using Actors.Contracts;
using Actors.Contracts.Errors;
using Actors.Contracts.Students;
using Actors.Grains.Validation;

namespace Actors.Grains.Students;

/// <summary>
/// The rules of a student's class list, which mirrors the classes' rosters. Invitations are bounded apart from
/// classes: a pending invitation never takes a class's place (<see cref="DomainLimits.ClassesPerStudent"/> counts
/// active classes only), the student holds at most <see cref="DomainLimits.PendingInvitationsPerStudent"/>, and at
/// most <see cref="DomainLimits.PendingInvitationsFromOneTeacher"/> from any one teacher — so a hostile teacher
/// inviting a student to a hundred classes can neither fill the student's class list nor crowd out other teachers.
/// </summary>
internal static class StudentClasses
{
    /// <summary>
    /// Makes the entry for <paramref name="classId"/> agree with what the class says (<paramref name="membership"/>;
    /// null: not on its roster). Returns the same state when nothing changes. A refused entry (a limit reached)
    /// throws <see cref="QuotaExceededException"/>, which the class takes as "not delivered".
    /// </summary>
    public static StudentState Mirror(StudentState state, string classId, ClassMembership? membership)
    {
        var index = state.Classes.FindIndex(c => c.ClassId == classId);
        if (membership is null)
        {
            return index < 0 ? state : StudentReflections.ForgetClass(state with { Classes = state.Classes.RemoveAt(index) }, classId);
        }

        var current = index < 0 ? null : state.Classes[index];
        if (current == membership)
        {
            return state;
        }

        if (current?.State != membership.State)
        {
            RequireRoom(state, membership);
        }

        return index < 0
            ? state with { Classes = state.Classes.Add(membership) }
            : state with { Classes = state.Classes.SetItem(index, membership) };
    }

    private static void RequireRoom(StudentState state, ClassMembership membership)
    {
        if (membership.State == MembershipState.Active)
        {
            Limits.RoomForOneMore(state.Classes.Count(c => c.State == MembershipState.Active), DomainLimits.ClassesPerStudent, "the student's classes");
            return;
        }

        var pending = state.Classes.Where(c => c.State == MembershipState.Invited).ToList();
        Limits.RoomForOneMore(pending.Count, DomainLimits.PendingInvitationsPerStudent, "the student's pending class invitations");
        Limits.RoomForOneMore(pending.Count(c => c.TeacherId == membership.TeacherId), DomainLimits.PendingInvitationsFromOneTeacher, "the pending invitations one teacher may send a student");
    }
}
