using System.Diagnostics.CodeAnalysis;
using Actors.Contracts;
using Actors.Contracts.Errors;
using Actors.Grains.Validation;

namespace Actors.Grains.Schools;

/// <summary>
/// Who may use a school's roster — the whole rule in one place: the school's administrators, and no one else.
/// A caller of another school is answered as if the school did not exist (the gateway never lets one name
/// another school; this keeps the grain safe on its own). Operators and the school's students and teachers are
/// refused. Grains of the school read the roster through the internal <c>ISchoolDirectory</c> instead.
/// </summary>
internal static class SchoolAccess
{
    public static void RequireAdmin([NotNull] Caller? caller, string schoolId, string action)
    {
        CallerRules.Validate(caller);
        if (!caller.IsIn(schoolId))
        {
            throw new NotFoundException("school", schoolId);
        }

        if (!caller.IsSchoolAdminOf(schoolId))
        {
            throw new AccessDeniedException($"{caller} may not {action}: only the school's administrators may.");
        }
    }
}
