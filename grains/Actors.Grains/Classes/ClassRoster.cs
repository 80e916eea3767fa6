using Actors.Contracts;
using Actors.Contracts.Classes;
using Actors.Contracts.Students;
using Actors.Grains.Persistence;
using Actors.Grains.Validation;

namespace Actors.Grains.Classes;

/// <summary>
/// The roster's rules. Enrolling and removing first record the intent (<see cref="RosterState.Joining"/>,
/// <see cref="RosterState.Leaving"/>); <see cref="Confirm"/> finishes it once the student's side agrees.
/// </summary>
internal static class ClassRoster
{
    public static Outcome<ClassState, RosterEntry> Enroll(ClassState state, string studentId, DateTimeOffset now)
    {
        var index = state.Roster.FindIndex(e => e.StudentId == studentId);
        if (index < 0)
        {
            Limits.RoomForOneMore(state.Roster.Count, DomainLimits.StudentsPerClass, "the class's roster");
            var entry = new RosterEntry { StudentId = studentId, State = RosterState.Joining, EnrolledAt = now };
            return new(state with { Roster = state.Roster.Add(entry) }, entry);
        }

        var current = state.Roster[index];
        if (current.State != RosterState.Leaving)
        {
            return new(state, current);
        }

        var rejoining = current with { State = RosterState.Joining, Issue = null };
        return new(state with { Roster = state.Roster.SetItem(index, rejoining) }, rejoining);
    }

    public static Outcome<ClassState, RosterEntry?> Remove(ClassState state, string studentId)
    {
        var index = state.Roster.FindIndex(e => e.StudentId == studentId);
        if (index < 0 || state.Roster[index].State == RosterState.Leaving)
        {
            return new(state, index < 0 ? null : state.Roster[index]);
        }

        var leaving = state.Roster[index] with { State = RosterState.Leaving, Issue = null };
        return new(state with { Roster = state.Roster.SetItem(index, leaving) }, leaving);
    }

    /// <summary>The student's side now matches: a joining student becomes active, a leaving one goes.</summary>
    public static ClassState Confirm(ClassState state, string studentId)
    {
        var index = state.Roster.FindIndex(e => e.StudentId == studentId);
        if (index < 0)
        {
            return state;
        }

        return state.Roster[index].State switch
        {
            RosterState.Joining => state with { Roster = state.Roster.SetItem(index, state.Roster[index] with { State = RosterState.Active, Issue = null }) },
            RosterState.Leaving => state with { Roster = state.Roster.RemoveAt(index) },
            _ => state,
        };
    }

    /// <summary>Records why the student's side of a join or leave failed this time (the same issue again changes nothing).</summary>
    public static ClassState RecordIssue(ClassState state, string studentId, Exception error, DateTimeOffset now)
    {
        var index = state.Roster.FindIndex(e => e.StudentId == studentId);
        if (index < 0 || state.Roster[index].State == RosterState.Active)
        {
            return state;
        }

        var entry = state.Roster[index];
        var issue = SyncIssues.Describe(error, entry.Issue, now);
        return ReferenceEquals(issue, entry.Issue) ? state : state with { Roster = state.Roster.SetItem(index, entry with { Issue = issue }) };
    }

    /// <summary>True for a student who is enrolled or being enrolled.</summary>
    public static bool IsMember(ClassState state, string studentId)
        => state.Roster.Exists(e => e.StudentId == studentId && e.State != RosterState.Leaving);

    /// <summary>What the student's class list should hold for this class: an entry while a member, nothing otherwise.</summary>
    public static ClassMembership? MembershipOf(ClassState state, string classId, string studentId)
    {
        if (!state.IsCreated || state.Roster.Find(e => e.StudentId == studentId) is not { State: not RosterState.Leaving } entry)
        {
            return null;
        }

        return new ClassMembership { ClassId = classId, Title = state.Title!, TeacherId = state.TeacherId, JoinedAt = entry.EnrolledAt };
    }
}
