using Actors.Api.Client;
using Actors.Contracts;
using Actors.Contracts.Documents;
using Actors.Contracts.Schools;
using Actors.Contracts.Students;

namespace Actors.Benchmarks.Scenarios;

/// <summary>
/// Who the benchmark acts as and how it names grains (keys <c>{schoolId}/{id}</c>, <c>Caller(SchoolId, UserId, Role)</c>,
/// a <c>school</c> claim). Teachers, documents and their readers are of one school, <see cref="School"/>. A student
/// grain exists only once its school rosters the student, and a school's roster is one row, so the benchmark's
/// students — up to 100,000 — are spread over <see cref="StudentSchools"/> schools by a hash of their id and rostered
/// with <see cref="RosterStudentsAsync"/> before use.
/// </summary>
internal static class BenchIdentity
{
    public const string School = "bench";

    public const int StudentSchools = 1024;

    public static Caller Student(string userId) => Caller.Student(SchoolOf(userId), userId);

    public static Caller Teacher(string userId) => Caller.Teacher(School, userId);

    /// <summary>A student of <see cref="School"/> reading (and annotating) its documents as a named reader; no student grain.</summary>
    public static Caller Reader(string userId) => Caller.Student(School, userId);

    public static IStudentGrain StudentGrain(IGrainFactory grains, string studentId) => grains.GetGrain<IStudentGrain>(GrainKeys.For(SchoolOf(studentId), studentId));

    public static IDocumentGrain DocumentGrain(IGrainFactory grains, string documentId) => grains.GetGrain<IDocumentGrain>(GrainKeys.For(School, documentId));

    /// <summary>A token the benchmark's gateway accepts for a student.</summary>
    public static string StudentToken(string studentId) => Hosting.BenchGateway.SigningKey.Mint(SchoolOf(studentId), studentId, "student");

    /// <summary>Rosters the students in their schools (idempotent): schools in parallel, each school's one at a time.</summary>
    public static Task RosterStudentsAsync(IGrainFactory grains, IEnumerable<string> studentIds)
        => Task.WhenAll(studentIds.GroupBy(SchoolOf).Select(async school =>
        {
            var roster = grains.GetGrain<ISchoolGrain>(school.Key);
            foreach (var id in school)
            {
                await roster.AddMember(Caller.SchoolAdmin(school.Key, "bench-admin"), id, new SchoolMemberDraft(SchoolRole.Student, id));
            }
        }));

    /// <summary>The school of a student: FNV-1a of the id, so every process agrees.</summary>
    private static string SchoolOf(string studentId)
    {
        var hash = 2166136261u;
        foreach (var c in studentId)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return $"bench-{hash % StudentSchools}";
    }
}
