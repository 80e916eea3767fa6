using System.Text.Json;
using Actors.Api.V1;
using Actors.Gateway.Tests.Infrastructure;
using Grpc.Core;

namespace Actors.Gateway.Tests.Services;

/// <summary>A student's records through the gateway: one JSON document with every kind of record; erasure; errors.</summary>
[Collection(GatewayCollection.Name)]
public sealed class StudentRecordsTests(GatewayFixture fixture)
{
    [Fact]
    public async Task The_export_is_one_json_document_with_every_kind_of_record()
    {
        var world = await fixture.WorldAsync();
        await world.StudentAnnotationAsync();

        var export = await fixture.Roster.ExportStudentRecordsAsync(new() { StudentId = world.Student.Id }, world.SchoolAdmin.Call);

        using var json = JsonDocument.Parse(export.Json);
        var root = json.RootElement;
        Assert.Equal(world.Student.Id, root.GetProperty("studentId").GetString());
        var student = root.GetProperty("student");
        Assert.Equal("Aroha", student.GetProperty("profile").GetProperty("name").GetString());
        foreach (var kind in new[] { "goals", "activities", "reflections", "classes" })
        {
            Assert.True(student.GetProperty(kind).GetArrayLength() > 0, kind);
        }

        Assert.Equal(JsonValueKind.Object, student.GetProperty("resume").ValueKind);
        var inClass = root.GetProperty("classes").EnumerateArray().Single(c => c.GetProperty("classId").GetString() == world.ClassId);
        Assert.Contains(inClass.GetProperty("submissions").EnumerateArray(), w => w.GetProperty("assignmentId").GetString() == world.AssignmentId);
        var documents = root.GetProperty("documents").EnumerateArray().ToList();
        Assert.Contains(documents, d => d.GetProperty("ownedByStudent").GetBoolean());
        Assert.Contains(documents, d => d.GetProperty("document").GetProperty("documentId").GetString() == world.DocumentId
            && d.GetProperty("annotations").EnumerateArray().Any(a => a.GetProperty("body").GetProperty("kind").GetString() == "comment"));
    }

    [Fact]
    public async Task The_export_writes_ink_points_readable_though_storage_keeps_them_as_base64()
    {
        var world = await fixture.WorldAsync();
        var id = TestIds.New("ink");
        var ink = new InkBody { Color = "#1E88E5", Width = 0.003 };
        ink.Points.Add(new PagePoint { X = 0.1, Y = 0.30000000000000004 });
        ink.Points.Add(new PagePoint { X = 0.5, Y = 0.25 });
        await fixture.Documents.AddAnnotationAsync(new AddAnnotationRequest { DocumentId = world.DocumentId, AnnotationId = id, Page = 1, Body = new() { Ink = ink } }, world.Student.Call);

        var export = await fixture.Roster.ExportStudentRecordsAsync(new() { StudentId = world.Student.Id }, world.SchoolAdmin.Call);

        using var json = JsonDocument.Parse(export.Json);
        var stroke = json.RootElement.GetProperty("documents").EnumerateArray()
            .SelectMany(d => d.GetProperty("annotations").EnumerateArray())
            .Single(a => a.GetProperty("id").GetString() == id);
        var points = stroke.GetProperty("body").GetProperty("points");
        Assert.Equal(JsonValueKind.Array, points.ValueKind);
        Assert.Equal([(0.1, 0.30000000000000004), (0.5, 0.25)], points.EnumerateArray().Select(p => (p.GetProperty("x").GetDouble(), p.GetProperty("y").GetDouble())));
    }

    [Fact]
    public async Task An_erased_student_is_gone_through_the_api_and_another_schools_student_answers_like_a_missing_one()
    {
        var world = await fixture.WorldAsync();
        var id = await world.EnrolledStudentAsync();

        await fixture.Roster.EraseStudentAsync(new() { StudentId = id }, world.SchoolAdmin.Call);

        var gone = await Assert.ThrowsAsync<RpcException>(() => fixture.Roster.ExportStudentRecordsAsync(new() { StudentId = id }, world.SchoolAdmin.Call).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, gone.StatusCode);
        Assert.Equal(true, await fixture.Cluster.Db.ScalarAsync(
            "SELECT state IS NULL FROM orleans_grain_state WHERE service_id = $1 AND grain_type = 'student' AND grain_key = $2",
            fixture.Cluster.Cluster.Options.ServiceId,
            Contracts.GrainKeys.For(Schools.A, id)));
        var roster = await fixture.Classes.ListRosterAsync(new() { ClassId = world.ClassId, PageSize = 500 }, world.SchoolAdmin.Call);
        Assert.DoesNotContain(roster.Entries, e => e.StudentId == id);

        var otherSchool = await Assert.ThrowsAsync<RpcException>(() => fixture.Roster.EraseStudentAsync(new() { StudentId = world.Student.Id }, world.OtherSchoolAdmin.Call).ResponseAsync);
        var missing = await Assert.ThrowsAsync<RpcException>(() => fixture.Roster.EraseStudentAsync(new() { StudentId = "no-such-student" }, world.OtherSchoolAdmin.Call).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, otherSchool.StatusCode);
        Assert.Equal(missing.Status.Detail.Replace("no-such-student", world.Student.Id, StringComparison.Ordinal), otherSchool.Status.Detail);
        var invalid = await Assert.ThrowsAsync<RpcException>(() => fixture.Roster.ExportStudentRecordsAsync(new() { StudentId = "bad id" }, world.SchoolAdmin.Call).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, invalid.StatusCode);
    }

    [Fact]
    public async Task A_repeated_erasure_succeeds_as_the_first_did_and_the_erased_students_audit_trail_stays_listable()
    {
        var world = await fixture.WorldAsync();
        var id = await world.EnrolledStudentAsync();
        await fixture.Students.ListGoalsAsync(new() { StudentId = id }, world.Teacher.Call);
        await fixture.Roster.ExportStudentRecordsAsync(new() { StudentId = id }, world.SchoolAdmin.Call);

        var first = await fixture.Roster.EraseStudentAsync(new() { StudentId = id }, world.SchoolAdmin.Call);
        var again = await fixture.Roster.EraseStudentAsync(new() { StudentId = id }, world.SchoolAdmin.Call);
        Assert.Equal(first, again);

        // Who was shown the records before the erasure stays accountable, page by page as before.
        var trail = await fixture.Roster.ListAuditEventsAsync(new() { StudentId = id, PageSize = 50 }, world.SchoolAdmin.Call);
        Assert.Equal(
            [(world.Teacher.Id, "teacher", "StudentService.ListGoals"), (world.SchoolAdmin.Id, "school_admin", "SchoolService.ExportStudentRecords")],
            trail.Events.Select(e => (e.ActorId, e.ActorRole, e.Action)));

        // Still only the school's: another school's admin, and a teacher of the school, learn nothing.
        var otherSchool = await Assert.ThrowsAsync<RpcException>(() => fixture.Roster.ListAuditEventsAsync(new() { StudentId = id }, world.OtherSchoolAdmin.Call).ResponseAsync);
        var otherAgain = await Assert.ThrowsAsync<RpcException>(() => fixture.Roster.EraseStudentAsync(new() { StudentId = id }, world.OtherSchoolAdmin.Call).ResponseAsync);
        var teacher = await Assert.ThrowsAsync<RpcException>(() => fixture.Roster.ListAuditEventsAsync(new() { StudentId = id }, world.Teacher.Call).ResponseAsync);
        Assert.Equal((StatusCode.NotFound, StatusCode.NotFound, StatusCode.PermissionDenied), (otherSchool.StatusCode, otherAgain.StatusCode, teacher.StatusCode));
    }

    [Fact]
    public async Task The_cli_erases_twice_and_lists_the_erased_students_audit_trail()
    {
        var world = await fixture.WorldAsync();
        var id = await world.EnrolledStudentAsync();
        await fixture.Students.GetResumeAsync(new() { StudentId = id }, world.Teacher.Call);
        string[] connection = ["--gateway", fixture.Gateway.GrpcAddress.ToString(), "--school", Schools.A, "--admin", world.SchoolAdmin.Id, "--private-key", GatewayHost.PrivateKeyPath];

        var first = await CliAsync(["student", "erase", "--student", id, .. connection]);
        var again = await CliAsync(["student", "erase", "--student", id, .. connection]);
        var audit = await CliAsync(["student", "audit", "--student", id, .. connection]);

        Assert.Equal((0, 0, 0), (first.ExitCode, again.ExitCode, audit.ExitCode));
        var line = Assert.Single(audit.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.EndsWith($"\tteacher\t{world.Teacher.Id}\tStudentService.GetResume", line, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Output)> CliAsync(string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await Cli.CliApp.RunAsync(args, output, error);
        Assert.True(exitCode == 0, error.ToString());
        return (exitCode, output.ToString());
    }
}
