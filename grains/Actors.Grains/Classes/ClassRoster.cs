using Actors.Contracts;
using Actors.Contracts.Classes;
using Actors.Contracts.Students;
using Actors.Grains.Persistence;
using Actors.Grains.Validation;

namespace Actors.Grains.Classes;

/// <summary>
/// The roster's rules. Every change first records the intent — <see cref="RosterState.Inviting"/> (a teacher's
/// enrollment), <see cref="RosterState.Joining"/> (a school administrator's enrollment, an acceptance, a join) or
/// <see cref="RosterState.Leaving"/> — and <see cref="Confirm"/> settles it once the student's side agrees;
/// <see cref="Refuse"/> undoes it when the student's side cannot take it (a limit reached); <see cref="RecordIssue"/>
/// keeps on the entry why its student's side failed, until a later attempt gets it through.
/// <code>
///   (none) ─teacher→ Inviting → Invited ─accept→ Joining → Active
///   (none) ─admin / join code────────────────→ Joining → Active
///   any ─remove / decline→ Leaving → (none)
/// </code>
/// </summary>
internal static class ClassRoster
{
    /// <summary>True when the entry makes the student a member: the class's shared documents and the student's work open to them, and the student to the teacher.</summary>
    public static bool IsMember(RosterEntry? entry) => entry?.State is RosterState.Joining or RosterState.Active;

    /// <summary>True while the entry is recorded intent whose student side is still to be carried out.</summary>
    public static bool IsInFlight(RosterEntry entry) => entry.State is RosterState.Joining or RosterState.Inviting or RosterState.Leaving;

    public static RosterEntry? Find(ClassState state, string studentId) => state.Roster.Find(e => e.StudentId == studentId);

    /// <summary>A teacher's enrollment: an invitation, unless the student is already invited or a member.</summary>
    public static Outcome<ClassState, RosterEntry> Invite(ClassState state, string studentId, DateTimeOffset now)
        => Find(state, studentId) is { State: not RosterState.Leaving } current ? new(state, current) : Put(state, studentId, RosterState.Inviting, now);

    /// <summary>An enrollment that is active at once (a school administrator's, an acceptance, a join with the code).</summary>
    public static Outcome<ClassState, RosterEntry> Admit(ClassState state, string studentId, DateTimeOffset now)
        => Find(state, studentId) is { } current && IsMember(current) ? new(state, current) : Put(state, studentId, RosterState.Joining, now);

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

    /// <summary>The student's side now matches: joining becomes active, inviting becomes invited, leaving goes.</summary>
    public static ClassState Confirm(ClassState state, string studentId)
        => Settle(state, studentId, static s => s switch
        {
            RosterState.Joining => RosterState.Active,
            RosterState.Inviting => RosterState.Invited,
            RosterState.Leaving => null,
            _ => s,
        });

    /// <summary>
    /// The student's side refused the entry (their class list or invitations are full): an invitation that could not be
    /// delivered goes; an admission falls back to an invitation, which the student can accept once there is room.
    /// </summary>
    public static ClassState Refuse(ClassState state, string studentId)
        => Settle(state, studentId, static s => s switch
        {
            RosterState.Inviting => null,
            RosterState.Joining => RosterState.Inviting,
            _ => s,
        });

    /// <summary>Records why the student's side of the entry failed this time (the same issue again changes nothing).</summary>
    public static ClassState RecordIssue(ClassState state, string studentId, Exception error, DateTimeOffset now)
    {
        var index = state.Roster.FindIndex(e => e.StudentId == studentId);
        if (index < 0 || !IsInFlight(state.Roster[index]))
        {
            return state;
        }

        var entry = state.Roster[index];
        var issue = SyncIssues.Describe(error, entry.Issue, now);
        return ReferenceEquals(issue, entry.Issue) ? state : state with { Roster = state.Roster.SetItem(index, entry with { Issue = issue }) };
    }

    /// <summary>What the student's class list should hold for this class: a membership, an invitation, or nothing.</summary>
    public static ClassMembership? MembershipOf(ClassState state, string classId, string studentId)
    {
        if (!state.IsCreated || Find(state, studentId) is not { } entry || entry.State == RosterState.Leaving)
        {
            return null;
        }

        return new ClassMembership
        {
            ClassId = classId,
            Title = state.Title!,
            TeacherId = state.TeacherId,
            JoinedAt = entry.EnrolledAt,
            State = IsMember(entry) ? MembershipState.Active : MembershipState.Invited,
        };
    }

    /// <summary>True when someone who was a member in <paramref name="before"/> no longer is in <paramref name="after"/>.</summary>
    public static bool SomeoneLeft(ClassState before, ClassState after)
        => before.Roster.Any(e => IsMember(e) && !IsMember(Find(after, e.StudentId)));

    private static Outcome<ClassState, RosterEntry> Put(ClassState state, string studentId, RosterState to, DateTimeOffset now)
    {
        var index = state.Roster.FindIndex(e => e.StudentId == studentId);
        if (index < 0)
        {
            Limits.RoomForOneMore(state.Roster.Count, DomainLimits.StudentsPerClass, "the class's roster");
            var entry = new RosterEntry { StudentId = studentId, State = to, EnrolledAt = now };
            return new(state with { Roster = state.Roster.Add(entry) }, entry);
        }

        var changed = state.Roster[index] with { State = to, Issue = null };
        return new(state with { Roster = state.Roster.SetItem(index, changed) }, changed);
    }

    private static ClassState Settle(ClassState state, string studentId, Func<RosterState, RosterState?> next)
    {
        var index = state.Roster.FindIndex(e => e.StudentId == studentId);
        if (index < 0)
        {
            return state;
        }

        var current = state.Roster[index];
        return next(current.State) switch
        {
            null => state with { Roster = state.Roster.RemoveAt(index) },
            var to when to == current.State => state,
            var to => state with { Roster = state.Roster.SetItem(index, current with { State = to.Value, Issue = null }) },
        };
    }
}
