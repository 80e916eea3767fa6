using Actors.Contracts;
using Actors.Contracts.Errors;
using Actors.Contracts.Schools;
using Actors.Grains.Persistence;
using Actors.Grains.Validation;

namespace Actors.Grains.Schools;

/// <summary>
/// The roster's rules, as pure functions of the state: one row of a bulk import is one <see cref="Add"/>, so many
/// rows can be applied in one write. A student's addition and removal first record the intent
/// (<see cref="MemberState.Adding"/>, <see cref="MemberState.Removing"/>); <see cref="Confirm"/> finishes it once the
/// student grain agrees. Teachers have no grain: they are active at once and removed at once.
/// </summary>
internal static class SchoolRoster
{
    public static void Validate(string userId, SchoolMemberDraft? draft)
    {
        Validator.NotNull(draft, "draft");
        new Validator()
            .Id("userId", userId)
            .Defined("draft.role", draft.Role)
            .Text("draft.displayName", draft.DisplayName, DomainLimits.ShortTextLength)
            .ThrowIfInvalid();
    }

    public static Outcome<SchoolState, SchoolMember> Add(SchoolState state, string userId, SchoolMemberDraft draft, DateTimeOffset now)
    {
        Validate(userId, draft);
        if (state.Members.TryGetValue(userId, out var current))
        {
            if (current.Role != draft.Role)
            {
                throw new ConflictException($"User '{userId}' is on the roster as a {Name(current.Role)}; a user has one role in a school (remove them first).");
            }

            var next = current with
            {
                DisplayName = draft.DisplayName,
                State = current.State == MemberState.Removing ? MemberState.Adding : current.State,
            };
            return next == current ? new(state, current) : Put(state, next);
        }

        Limits.RoomForOneMore(state.Members.Count, DomainLimits.MembersPerSchool, "the school's roster");

        // An erased student's id rostered again is a new student: a later erasure of it is a real one.
        return Put(draft.Role == SchoolRole.Student ? ErasedStudents.Forget(state, userId) : state, new SchoolMember
        {
            UserId = userId,
            Role = draft.Role,
            DisplayName = draft.DisplayName,
            State = draft.Role == SchoolRole.Student ? MemberState.Adding : MemberState.Active,
            AddedAt = now,
        });
    }

    public static Outcome<SchoolState, SchoolMember?> Remove(SchoolState state, string userId)
    {
        new Validator().Id("userId", userId).ThrowIfInvalid();
        if (!state.Members.TryGetValue(userId, out var current) || current.State == MemberState.Removing)
        {
            return new(state, current);
        }

        if (current.Role == SchoolRole.Teacher)
        {
            return new(state with { Members = state.Members.Remove(userId) }, null);
        }

        var removing = current with { State = MemberState.Removing };
        return new(state with { Members = state.Members.SetItem(userId, removing) }, removing);
    }

    /// <summary>The student grain now agrees: an added student becomes active, a removed one goes.</summary>
    public static SchoolState Confirm(SchoolState state, string userId)
        => state.Members.TryGetValue(userId, out var member)
            ? member.State switch
            {
                MemberState.Adding => state with { Members = state.Members.SetItem(userId, member with { State = MemberState.Active }) },
                MemberState.Removing => state with { Members = state.Members.Remove(userId) },
                _ => state,
            }
            : state;

    /// <summary>Students whose rostering or removal the student grain has not confirmed yet.</summary>
    public static List<string> Unconfirmed(SchoolState state)
        => [.. state.Members.Values.Where(m => m.State != MemberState.Active).Select(m => m.UserId)];

    private static Outcome<SchoolState, SchoolMember> Put(SchoolState state, SchoolMember member)
        => new(state with { Members = state.Members.SetItem(member.UserId, member) }, member);

    private static string Name(SchoolRole role) => role.ToString().ToLowerInvariant();
}
