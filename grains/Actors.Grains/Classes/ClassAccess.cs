using Actors.Contracts;
using Actors.Contracts.Classes;
using Actors.Contracts.Errors;
using Actors.Grains.Tenancy;

namespace Actors.Grains.Classes;

/// <summary>
/// Who may do what with a class — the whole rule in one place.
/// <list type="bullet">
/// <item>Another school's caller, and anyone before the class is created: <see cref="NotFoundException"/>, as for a missing id.</item>
/// <item>Operators: refused.</item>
/// <item>Create: a rostered teacher for themself, or a school administrator naming a rostered teacher.</item>
/// <item>Its teacher and the school's administrators (<i>managers</i>): read everything; enroll (a teacher's
/// enrollment is only an invitation), remove, assign, see and rotate the join code, move work as their role allows.</item>
/// <item>A student on the roster: reads the class and their own roster entry; once a member (not merely invited),
/// also the assignments and their own work, which they move forward. The invited student alone accepts or
/// declines; any rostered student of the school may join with the join code.</item>
/// <item>What the class shares (documents shared with it): its teacher and its members, never invited students
/// (<see cref="GrantsAccess"/>).</item>
/// </list>
/// </summary>
internal static class ClassAccess
{
    private const string Entity = "class";

    /// <summary>The school boundary and existence: every method but create starts here.</summary>
    public static void Enter(ClassState state, SchoolScopedKey key, Caller caller)
    {
        SchoolBoundary.Enter(caller, key, Entity);
        if (!state.IsCreated)
        {
            throw SchoolBoundary.Missing(Entity, key);
        }
    }

    /// <summary>
    /// Who teaches a class created by <paramref name="caller"/> with <paramref name="requestedTeacherId"/>: the teacher
    /// themself, or the teacher a school administrator names. Throws for anyone else.
    /// </summary>
    public static string TeacherOfNewClass(SchoolScopedKey key, Caller caller, string? requestedTeacherId)
    {
        SchoolBoundary.Enter(caller, key, Entity);
        return caller.Role switch
        {
            CallerRole.SchoolAdmin => requestedTeacherId ?? throw new ValidationException("draft.teacherId", "is required when a school administrator creates a class."),
            CallerRole.Teacher when requestedTeacherId is null || requestedTeacherId == caller.UserId => caller.UserId,
            CallerRole.Teacher => throw new AccessDeniedException($"{caller} may only create classes they teach themselves, not for teacher '{requestedTeacherId}'."),
            _ => throw new AccessDeniedException($"{caller} may not create classes."),
        };
    }

    public static bool IsTeacher(ClassState state, SchoolScopedKey key, Caller caller) => caller.Is(key.SchoolId, state.TeacherId, CallerRole.Teacher);

    /// <summary>Its teacher, or an administrator of its school.</summary>
    public static bool IsManager(ClassState state, SchoolScopedKey key, Caller caller) => IsTeacher(state, key, caller) || caller.IsSchoolAdminOf(key.SchoolId);

    /// <summary>The caller's own roster entry, if the caller is a student of the class's school who has one.</summary>
    public static RosterEntry? OwnEntry(ClassState state, SchoolScopedKey key, Caller caller)
        => caller.Role == CallerRole.Student && caller.IsIn(key.SchoolId) ? ClassRoster.Find(state, caller.UserId) : null;

    public static void RequireManager(ClassState state, SchoolScopedKey key, Caller caller, string action)
    {
        Enter(state, key, caller);
        if (!IsManager(state, key, caller))
        {
            throw Denied(key, caller, action);
        }
    }

    /// <summary>Managers, and students on the roster (invited ones included, to see what they are invited to).</summary>
    public static void RequireReader(ClassState state, SchoolScopedKey key, Caller caller)
    {
        Enter(state, key, caller);
        if (!IsManager(state, key, caller) && OwnEntry(state, key, caller) is null or { State: RosterState.Leaving })
        {
            throw Denied(key, caller, "read");
        }
    }

    /// <summary>Managers, and members (students invited only are not yet).</summary>
    public static void RequireManagerOrMember(ClassState state, SchoolScopedKey key, Caller caller, string action)
    {
        Enter(state, key, caller);
        if (!IsManager(state, key, caller) && !ClassRoster.IsMember(OwnEntry(state, key, caller)))
        {
            throw Denied(key, caller, action);
        }
    }

    /// <summary>A student of the school, acting for themself (accept, decline, join).</summary>
    public static void RequireStudent(ClassState state, SchoolScopedKey key, Caller caller, string action)
    {
        Enter(state, key, caller);
        if (caller.Role != CallerRole.Student)
        {
            throw new AccessDeniedException($"{caller} may not {action} class '{key.Id}': only a student does that, for themself.");
        }
    }

    /// <summary>True when the class opens what is shared with it to <paramref name="caller"/>: its teacher and its members.</summary>
    public static bool GrantsAccess(ClassState state, SchoolScopedKey key, Caller? caller)
        => caller is not null && state.IsCreated && key.HasSchool && caller.IsIn(key.SchoolId)
            && (IsTeacher(state, key, caller) || ClassRoster.IsMember(OwnEntry(state, key, caller)));

    public static AccessDeniedException Denied(SchoolScopedKey key, Caller caller, string action) => new($"{caller} may not {action} class '{key.Id}'.");
}
