using Actors.Api.V1;
using Actors.Gateway.Tests.Infrastructure;
using Grpc.Core;

namespace Actors.Gateway.Tests.Services;

/// <summary>The audit trail through the gateway: a teacher's and an admin's reads of a student, listed page by page.</summary>
[Collection(GatewayCollection.Name)]
public sealed class AuditTrailTests(GatewayFixture fixture)
{
    [Fact]
    public async Task A_school_admin_lists_every_read_of_a_student_by_someone_else_page_by_page()
    {
        var school = TestIds.New("school");
        var admin = User.Admin(school);
        var student = await fixture.Gateway.Channel.RosterAsync(User.Student(school: school));
        var teacher = await fixture.Gateway.Channel.RosterAsync(User.Teacher(school: school));
        var classId = TestIds.New("class");
        await fixture.Classes.CreateClassAsync(new() { ClassId = classId, Title = "Science", TeacherId = teacher.Id }, admin.Call);
        await fixture.Classes.EnrollStudentAsync(new() { ClassId = classId, StudentId = student.Id }, admin.Call);

        await fixture.Students.ListGoalsAsync(new() { StudentId = student.Id }, student.Call);
        await fixture.Students.ListGoalsAsync(new() { StudentId = student.Id }, teacher.Call);
        await fixture.Students.ListClassesAsync(new() { StudentId = student.Id }, teacher.Call);
        await fixture.Students.GetResumeAsync(new() { StudentId = student.Id }, admin.Call);

        var seen = new List<AuditEvent>();
        var token = "";
        do
        {
            var page = await fixture.Roster.ListAuditEventsAsync(new() { StudentId = student.Id, PageSize = 2, PageToken = token }, admin.Call);
            seen.AddRange(page.Events);
            token = page.NextPageToken;
        }
        while (token.Length > 0);

        Assert.Equal(
            [
                (teacher.Id, "teacher", "StudentService.ListGoals"),
                (teacher.Id, "teacher", "StudentService.ListClasses"),
                (admin.Id, "school_admin", "StudentService.GetResume"),
            ],
            seen.Select(e => (e.ActorId, e.ActorRole, e.Action)));
        Assert.All(seen, e => Assert.InRange(e.Time.ToDateTimeOffset(), DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow));
    }

    [Fact]
    public async Task Another_schools_student_is_not_found_like_a_missing_one_and_bad_input_is_invalid_argument()
    {
        var world = await fixture.WorldAsync();

        var otherSchool = await Assert.ThrowsAsync<RpcException>(() => fixture.Roster.ListAuditEventsAsync(new() { StudentId = world.Student.Id }, world.OtherSchoolAdmin.Call).ResponseAsync);
        var missing = await Assert.ThrowsAsync<RpcException>(() => fixture.Roster.ListAuditEventsAsync(new() { StudentId = "no-such-student" }, world.OtherSchoolAdmin.Call).ResponseAsync);
        Assert.Equal((StatusCode.NotFound, StatusCode.NotFound), (otherSchool.StatusCode, missing.StatusCode));
        Assert.Equal(missing.Status.Detail.Replace("no-such-student", world.Student.Id, StringComparison.Ordinal), otherSchool.Status.Detail);

        foreach (var request in new ListAuditEventsRequest[] { new() { StudentId = "" }, new() { StudentId = world.Student.Id, PageToken = "not-a-token" }, new() { StudentId = world.Student.Id, PageSize = -1 } })
        {
            var error = await Assert.ThrowsAsync<RpcException>(() => fixture.Roster.ListAuditEventsAsync(request, world.SchoolAdmin.Call).ResponseAsync);
            Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        }
    }
}
