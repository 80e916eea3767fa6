using Actors.Api.Client;
using Actors.Contracts;
using Actors.Contracts.Documents;
using Actors.Contracts.Students;

namespace Actors.Benchmarks.Scenarios;

/// <summary>
/// Who the benchmark acts as and how it names grains: the one file to change when grain keys and callers gain a
/// school (issue 8: keys <c>{schoolId}/{id}</c>, <c>Caller(SchoolId, UserId, Role)</c>, a <c>school</c> claim).
/// </summary>
internal static class BenchIdentity
{
    public static Caller Student(string userId) => Caller.Student(userId);

    public static Caller Teacher(string userId) => Caller.Teacher(userId);

    public static IStudentGrain StudentGrain(IGrainFactory grains, string studentId) => grains.GetGrain<IStudentGrain>(studentId);

    public static IDocumentGrain DocumentGrain(IGrainFactory grains, string documentId) => grains.GetGrain<IDocumentGrain>(documentId);

    /// <summary>A token the benchmark's gateway accepts for a student.</summary>
    public static string StudentToken(string studentId) => DevTokens.Mint(Hosting.BenchGateway.SigningKey, studentId, "student");
}
