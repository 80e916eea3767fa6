using Actors.Contracts;
using Actors.Contracts.Errors;
using Actors.Contracts.Students;
using Actors.Grains.Tenancy;

namespace Actors.Grains.Students;

/// <summary>
/// Who may do what with a student — the whole rule in one place.
/// <list type="bullet">
/// <item>Another school's caller, and anyone while the student is not rostered: <see cref="NotFoundException"/>, as for a missing id.</item>
/// <item>Operators: refused (<see cref="AccessDeniedException"/>).</item>
/// <item>The student: everything.</item>
/// <item>The school's administrators: read and change everything but reflections, which are the student's own
/// voice (not written or shared by anyone else; only those shared with a class are read).</item>
/// <item>A teacher of one of the student's <i>active</i> classes: read the profile, goals, activities, resume,
/// active classes and the reflections shared with a class they teach. An invitation grants nothing.</item>
/// <item>Anyone else (other students, other teachers of the school): refused.</item>
/// </list>
/// </summary>
internal static class StudentAccess
{
    private const string Entity = "student";

    /// <summary>The student themself.</summary>
    public static void RequireSelf(StudentState state, SchoolScopedKey key, Caller caller, string action)
    {
        Enter(state, key, caller);
        if (!IsSelf(key, caller))
        {
            throw Denied(key, caller, action);
        }
    }

    /// <summary>The student or a school administrator.</summary>
    public static void RequireSelfOrAdmin(StudentState state, SchoolScopedKey key, Caller caller, string action)
    {
        Enter(state, key, caller);
        if (!IsSelf(key, caller) && !caller.IsSchoolAdminOf(key.SchoolId))
        {
            throw Denied(key, caller, action);
        }
    }

    /// <summary>The student, a school administrator, or a teacher of one of the student's active classes.</summary>
    public static void RequireReader(StudentState state, SchoolScopedKey key, Caller caller, string action)
    {
        Enter(state, key, caller);
        if (!IsSelf(key, caller) && !caller.IsSchoolAdminOf(key.SchoolId) && TaughtBy(state, key, caller).Count == 0)
        {
            throw Denied(key, caller, action);
        }
    }

    /// <summary>
    /// The reflections <paramref name="caller"/> may read: all for the student; shared ones for a school
    /// administrator; for a teacher, those shared with an active class they teach — judged by the student's current
    /// classes, so a share stops counting when the student leaves the class. Private reflections never leave the student.
    /// </summary>
    public static IReadOnlyList<Reflection> VisibleReflections(StudentState state, SchoolScopedKey key, Caller caller)
    {
        Enter(state, key, caller);
        if (IsSelf(key, caller))
        {
            return state.ReflectionsInOrder();
        }

        if (caller.IsSchoolAdminOf(key.SchoolId))
        {
            return state.ReflectionsInOrder(r => r.SharedWithClassIds.Count > 0);
        }

        var taught = TaughtBy(state, key, caller);
        return taught.Count > 0
            ? state.ReflectionsInOrder(r => r.SharedWithClassIds.Any(taught.Contains))
            : throw Denied(key, caller, "read the reflections of");
    }

    /// <summary>The student's classes as <paramref name="caller"/> may see them: invitations only for the student and school administrators.</summary>
    public static IReadOnlyList<ClassMembership> VisibleClasses(StudentState state, SchoolScopedKey key, Caller caller)
    {
        RequireReader(state, key, caller, "read the classes of");
        return IsSelf(key, caller) || caller.IsSchoolAdminOf(key.SchoolId)
            ? state.Classes
            : [.. state.Classes.Where(c => c.State == MembershipState.Active)];
    }

    /// <summary>True for the student themself (school, user id and role).</summary>
    public static bool IsSelf(SchoolScopedKey key, Caller caller) => caller.Is(key.SchoolId, key.Id, CallerRole.Student);

    /// <summary>The student's active classes that <paramref name="caller"/> teaches.</summary>
    private static HashSet<string> TaughtBy(StudentState state, SchoolScopedKey key, Caller caller)
        => caller.Role == CallerRole.Teacher && caller.IsIn(key.SchoolId)
            ? state.Classes.Where(c => c.State == MembershipState.Active && c.TeacherId == caller.UserId).Select(c => c.ClassId).ToHashSet(StringComparer.Ordinal)
            : [];

    /// <summary>The school boundary, then existence: a student exists once rostered.</summary>
    private static void Enter(StudentState state, SchoolScopedKey key, Caller caller)
    {
        SchoolBoundary.Enter(caller, key, Entity);
        if (!state.IsRostered)
        {
            throw SchoolBoundary.Missing(Entity, key);
        }
    }

    private static AccessDeniedException Denied(SchoolScopedKey key, Caller caller, string action)
        => new($"{caller} may not {action} student '{key.Id}'.");
}
