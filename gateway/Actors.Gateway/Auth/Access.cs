using Actors.Contracts;
using Actors.Contracts.Errors;
using Actors.Contracts.Students;

namespace Actors.Gateway.Auth;

/// <summary>
/// The gateway's own share of authorization, applied once the resource is known from the request. The grains check
/// every call against their state as well (roster, ownership, sharing); these checks need nothing but the token and
/// the request, so they are made before a grain is called at all.
/// </summary>
internal static class Access
{
    /// <summary>A student's space is closed to other students: refused here without activating the other student's grain.</summary>
    public static void RequireStudentSpace(Caller caller, string studentId)
    {
        if (caller.Role == CallerRole.Student && !caller.Is(studentId))
        {
            throw new AccessDeniedException($"{caller} may not use the data of student '{studentId}'.");
        }
    }

    /// <summary>
    /// Private reflections never leave the student: whoever else reads (a teacher, an administrator) gets only those
    /// shared with a class. The student grain already narrows a teacher's view to their own classes.
    /// </summary>
    public static IReadOnlyList<Reflection> VisibleReflections(Caller caller, string studentId, IReadOnlyList<Reflection> reflections)
        => caller.Role == CallerRole.Student && caller.Is(studentId)
            ? reflections
            : [.. reflections.Where(r => r.SharedWithClassIds.Count > 0)];
}
