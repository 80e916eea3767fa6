using Actors.Contracts;
using Actors.Contracts.Errors;

namespace Actors.Gateway.Auth;

/// <summary>
/// The gateway's own share of authorization: what needs nothing but the token and the request, refused before any
/// grain is activated. The grains decide everything else, each in its access file (<c>StudentAccess</c>,
/// <c>ClassAccess</c>, <c>DocumentAccess</c>, <c>SchoolAccess</c>) — and refuse these cases again themselves.
/// </summary>
internal static class Access
{
    /// <summary>Operators run the platform; no school's data reaches them through the API.</summary>
    public static void RequireSchoolDataAccess(Caller caller)
    {
        if (caller.Role == CallerRole.Operator)
        {
            throw new AccessDeniedException($"{caller} is a platform operator: operators have no access to school data through the API.");
        }
    }

    /// <summary>A student's space is closed to other students: refused here without activating the other student's grain.</summary>
    public static void RequireStudentSpace(Caller caller, string studentId)
    {
        if (caller.Role == CallerRole.Student && caller.UserId != studentId)
        {
            throw new AccessDeniedException($"{caller} may not use the data of student '{studentId}'.");
        }
    }
}
