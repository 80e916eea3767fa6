using Actors.Contracts;
using Actors.Contracts.Classes;
using Actors.Contracts.Errors;
using Actors.Contracts.Internal;
using Actors.Grains.Tenancy;
using Actors.Grains.Validation;

namespace Actors.Grains.Classes;

/// <summary>
/// Enrollment rows of a school's roster import (<see cref="IClassRosterImport"/>): the same rules as
/// <see cref="Create"/> and a school administrator's <see cref="Enroll"/>, reporting whether anything changed. A row
/// the class already agrees with costs no write and no call to the student (a re-import of thousands of rows must
/// not wake thousands of students).
/// </summary>
public sealed partial class ClassGrain
{
    public async Task<bool> ImportTeacher(Caller caller, string? title, string teacherId)
    {
        if (State.IsCreated)
        {
            ClassAccess.RequireManager(State, Key, caller, "import the roster of");
            return State.TeacherId == teacherId
                ? false
                : throw new ConflictException($"Class '{ClassId}' is taught by another teacher; a class has one teacher.");
        }

        SchoolBoundary.Enter(caller, Key, "class");
        if (title is null)
        {
            throw new NotFoundException("class", ClassId, "classes.csv (import it before enrollments.csv)");
        }

        await Create(caller, new ClassDraft(title, teacherId), CancellationToken.None);
        return true;
    }

    public async Task<bool> ImportStudent(Caller caller, string studentId)
    {
        ClassAccess.RequireManager(State, Key, caller, "enroll students in");
        if (!caller.IsSchoolAdminOf(Key.SchoolId))
        {
            throw ClassAccess.Denied(Key, caller, "import enrollments of");
        }

        new Validator().Id("studentId", studentId).ThrowIfInvalid();
        var outcome = ClassRoster.Admit(State, studentId, Now);
        if (!outcome.Changes(State) && !ClassRoster.IsInFlight(outcome.Result))
        {
            return false;
        }

        await Enroll(caller, studentId, CancellationToken.None);
        return true;
    }
}
