using Actors.Api.V1;
using Actors.Gateway.Tests.Infrastructure;
using Grpc.Core;

namespace Actors.Gateway.Tests.Services;

[Collection(GatewayCollection.Name)]
public sealed class SchoolServiceTests(GatewayFixture fixture)
{
    [Fact]
    public async Task A_school_admin_rosters_lists_and_removes_members()
    {
        // A school of its own, so the listing holds exactly what this test put there.
        var school = TestIds.New("school");
        var admin = User.Admin(school);
        var roster = fixture.Roster;
        var ids = Enumerable.Range(0, 7).Select(i => $"s{i}").ToList();
        foreach (var id in ids)
        {
            await roster.AddMemberAsync(new() { UserId = id, Role = SchoolRole.Student, DisplayName = $"Student {id}" }, admin.Call);
        }

        var teacher = await roster.AddMemberAsync(new() { UserId = "t0", Role = SchoolRole.Teacher, DisplayName = "Ms Teacher" }, admin.Call);
        var again = await roster.AddMemberAsync(new() { UserId = "s0", Role = SchoolRole.Student, DisplayName = "Student s0" }, admin.Call);
        var conflict = await Assert.ThrowsAsync<RpcException>(() => roster.AddMemberAsync(new() { UserId = "s0", Role = SchoolRole.Teacher, DisplayName = "x" }, admin.Call).ResponseAsync);

        var seen = new List<string>();
        var token = "";
        var pages = 0;
        do
        {
            var page = await roster.ListMembersAsync(new() { Role = SchoolRole.Student, PageSize = 3, PageToken = token }, admin.Call);
            seen.AddRange(page.Members.Select(m => m.UserId));
            token = page.NextPageToken;
            pages++;
        }
        while (token.Length > 0 && pages < 10);

        Assert.Equal(ids, seen);
        Assert.Equal(3, pages);
        Assert.Equal((SchoolRole.Teacher, MemberState.Active), (teacher.Role, teacher.State));
        Assert.Equal((MemberState.Active, "Student s0"), (again.State, again.DisplayName));
        Assert.Equal(StatusCode.FailedPrecondition, conflict.StatusCode);
        Assert.Equal(["t0"], (await roster.ListMembersAsync(new() { Role = SchoolRole.Teacher }, admin.Call)).Members.Select(m => m.UserId));

        // A rostered student exists; once removed, not even they are found.
        var student = new User(school, "s3", "student");
        await fixture.Students.CreateGoalAsync(new() { StudentId = "s3", GoalId = "g", Title = "Exist" }, student.Call);
        await roster.RemoveMemberAsync(new() { UserId = "s3" }, admin.Call);
        await roster.RemoveMemberAsync(new() { UserId = "s3" }, admin.Call);
        var gone = await Assert.ThrowsAsync<RpcException>(() => fixture.Students.ListGoalsAsync(new() { StudentId = "s3" }, student.Call).ResponseAsync);
        var notMember = await Assert.ThrowsAsync<RpcException>(() => roster.GetMemberAsync(new() { UserId = "s3" }, admin.Call).ResponseAsync);
        Assert.Equal((StatusCode.NotFound, StatusCode.NotFound), (gone.StatusCode, notMember.StatusCode));
    }

    [Fact]
    public async Task Bad_roster_requests_are_invalid()
    {
        var admin = User.Admin(TestIds.New("school"));

        var role = await Assert.ThrowsAsync<RpcException>(() => fixture.Roster.AddMemberAsync(new() { UserId = "u1", DisplayName = "No role" }, admin.Call).ResponseAsync);
        var id = await Assert.ThrowsAsync<RpcException>(() => fixture.Roster.AddMemberAsync(new() { UserId = "u1\n", Role = SchoolRole.Student, DisplayName = "x" }, admin.Call).ResponseAsync);
        var name = await Assert.ThrowsAsync<RpcException>(() => fixture.Roster.AddMemberAsync(new() { UserId = "u1", Role = SchoolRole.Student, DisplayName = "" }, admin.Call).ResponseAsync);
        var token = await Assert.ThrowsAsync<RpcException>(() => fixture.Roster.ListMembersAsync(new() { PageToken = "nonsense" }, admin.Call).ResponseAsync);

        Assert.All(new[] { role, id, name, token }, e => Assert.Equal(StatusCode.InvalidArgument, e.StatusCode));
    }
}
