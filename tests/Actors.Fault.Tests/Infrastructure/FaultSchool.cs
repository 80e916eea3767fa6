using Actors.Contracts;
using Actors.Contracts.Schools;

namespace Actors.Fault.Tests.Infrastructure;

/// <summary>The one school the fault tests' students belong to: a student exists (answers calls) once rostered.</summary>
internal static class FaultSchool
{
    public const string Id = "fault-school";

    public static readonly Caller Admin = Caller.SchoolAdmin(Id, "admin");

    /// <summary>The grain key (and storage row key) of student <paramref name="studentId"/>.</summary>
    public static string Key(string studentId) => GrainKeys.For(Id, studentId);

    public static Caller Student(string studentId) => Caller.Student(Id, studentId);

    /// <summary>Rosters the students (idempotent), so that their grains answer.</summary>
    public static async Task RosterAsync(IGrainFactory grains, IEnumerable<string> studentIds)
    {
        var school = grains.GetGrain<ISchoolGrain>(Id);
        foreach (var id in studentIds)
        {
            await school.AddMember(Admin, id, new SchoolMemberDraft(SchoolRole.Student, $"Student {id}"));
        }
    }
}
