using Actors.Contracts;
using Actors.Contracts.Errors;
using Actors.Contracts.Internal;
using Actors.Contracts.Schools;
using Actors.Grains.Tenancy;

namespace Actors.Grains.Teachers;

/// <summary>
/// Who may read a teacher's class list — the whole rule in one place: the teacher themself and the school's
/// administrators. Another school's caller, and anyone asking about a user who is not a rostered teacher of the
/// school, gets <see cref="NotFoundException"/>, as for a missing id (so a school B caller learns nothing of school
/// A's teachers); operators and students are refused before anything is looked up; another teacher of the same
/// school is refused once the teacher is known to exist (teachers of a school know each other).
/// </summary>
internal static class TeacherAccess
{
    private const string Entity = "teacher";

    public static async Task RequireReaderAsync(Caller caller, SchoolScopedKey key, ISchoolDirectory school)
    {
        SchoolBoundary.Enter(caller, key, Entity);
        if (caller.Role is not (CallerRole.Teacher or CallerRole.SchoolAdmin))
        {
            throw new AccessDeniedException($"{caller} may not read teachers' class lists.");
        }

        if (await school.FindMember(key.Id) is not { Role: SchoolRole.Teacher })
        {
            throw SchoolBoundary.Missing(Entity, key);
        }

        if (caller.Role == CallerRole.Teacher && caller.UserId != key.Id)
        {
            throw new AccessDeniedException($"{caller} may read only their own class list, not teacher '{key.Id}''s.");
        }
    }
}
