using Actors.Gateway.Tests.Infrastructure;
using Grpc.Core;

namespace Actors.Gateway.Tests.Tenancy;

/// <summary>
/// From another school, school A's students, classes and documents are indistinguishable from ids that exist
/// nowhere: the same status and the same message (up to the id itself), and nothing is created or changed.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class CrossSchoolTests(GatewayFixture fixture)
{
    /// <summary>Calls that name something of school A by id, as a function of that id.</summary>
    public static TheoryData<string> Probes() => [.. Calls.Keys];

    private static readonly Dictionary<string, (Func<World, string> Id, Func<GatewayFixture, string, CallOptions, Task> Call)> Calls = new()
    {
        ["student profile"] = (w => w.Student.Id, (f, id, o) => f.Students.GetProfileAsync(new() { StudentId = id }, o).ResponseAsync),
        ["student goals"] = (w => w.Student.Id, (f, id, o) => f.Students.ListGoalsAsync(new() { StudentId = id }, o).ResponseAsync),
        ["student goal"] = (w => w.Student.Id, (f, id, o) => f.Students.CreateGoalAsync(new() { StudentId = id, GoalId = "planted", Title = "Planted" }, o).ResponseAsync),
        ["class"] = (w => w.ClassId, (f, id, o) => f.Classes.GetClassAsync(new() { ClassId = id }, o).ResponseAsync),
        ["class roster"] = (w => w.ClassId, (f, id, o) => f.Classes.ListRosterAsync(new() { ClassId = id }, o).ResponseAsync),
        ["class join code"] = (w => w.ClassId, (f, id, o) => f.Classes.GetJoinCodeAsync(new() { ClassId = id }, o).ResponseAsync),
        ["document"] = (w => w.DocumentId, (f, id, o) => f.Documents.GetDocumentAsync(new() { DocumentId = id }, o).ResponseAsync),
        ["document annotations"] = (w => w.DocumentId, (f, id, o) => f.Documents.ListAnnotationsAsync(new() { DocumentId = id }, o).ResponseAsync),
        ["document sharing"] = (w => w.DocumentId, (f, id, o) => f.Documents.ShareWithReaderAsync(new() { DocumentId = id, UserId = "spy" }, o).ResponseAsync),
        ["school member"] = (w => w.Student.Id, (f, id, o) => f.Roster.GetMemberAsync(new() { UserId = id }, o).ResponseAsync),
    };

    [Theory]
    [MemberData(nameof(Probes))]
    public async Task Another_schools_ids_answer_exactly_like_missing_ones(string probe)
    {
        var world = await fixture.WorldAsync();
        var (id, call) = Calls[probe];
        var ghost = TestIds.New("ghost");

        // The baseline: school A's own administrator, who could see anything that existed, asking for an id that does not.
        var missing = await Refusal(() => call(fixture, ghost, world.SchoolAdmin.Call), ghost);
        Assert.Equal(StatusCode.NotFound, missing.Status);
        foreach (var hostile in new[] { world.OtherSchoolAdmin, world.OtherSchoolTeacher })
        {
            if (probe == "school member" && hostile.Role == "teacher")
            {
                continue; // the roster is for administrators only, in any school
            }

            Assert.Equal(missing, await Refusal(() => call(fixture, id(world), hostile.Call), id(world)));
        }
    }

    [Fact]
    public async Task A_hostile_teacher_cannot_invite_another_schools_student()
    {
        var world = await fixture.WorldAsync();
        var hostile = world.OtherSchoolTeacher;
        var classId = TestIds.New("bait");
        await fixture.Classes.CreateClassAsync(new() { ClassId = classId, Title = "Free pizza" }, hostile.Call);
        var ghost = TestIds.New("ghost");

        var victim = await Refusal(() => fixture.Classes.EnrollStudentAsync(new() { ClassId = classId, StudentId = world.Student.Id }, hostile.Call).ResponseAsync, world.Student.Id);
        var nobody = await Refusal(() => fixture.Classes.EnrollStudentAsync(new() { ClassId = classId, StudentId = ghost }, hostile.Call).ResponseAsync, ghost);

        Assert.Equal((StatusCode.NotFound, nobody.Message), (victim.Status, victim.Message));
        var classes = await fixture.Students.ListClassesAsync(new() { StudentId = world.Student.Id }, world.Student.Call);
        Assert.DoesNotContain(classes.Classes, c => c.ClassId == classId);
    }

    /// <summary>The status and message of a refused call, with <paramref name="id"/> replaced by a placeholder.</summary>
    private static async Task<(StatusCode Status, string Message)> Refusal(Func<Task> call, string id)
    {
        var error = await Assert.ThrowsAsync<RpcException>(call);
        return (error.StatusCode, error.Status.Detail.Replace(id, "{id}", StringComparison.Ordinal));
    }
}
