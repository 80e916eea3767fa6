using Actors.Api.V1;
using Actors.Gateway.Tests.Infrastructure;
using Grpc.Core;

namespace Actors.Gateway.Tests.Services;

/// <summary>ClassService.ListTeacherClasses: a teacher's classes from any device, paged; a school admin names the teacher.</summary>
[Collection(GatewayCollection.Name)]
public sealed class TeacherClassesTests(GatewayFixture fixture)
{
    [Fact]
    public async Task A_teacher_lists_their_classes_page_by_page_and_an_admin_lists_them_by_teacher_id()
    {
        var teacher = await fixture.TeacherAsync();
        var admin = User.Admin();
        var ids = Enumerable.Range(0, 3).Select(i => TestIds.New($"class{i}")).ToArray();
        await fixture.Classes.CreateClassAsync(new() { ClassId = ids[0], Title = "Maths 9" }, teacher.Call);
        await fixture.Classes.CreateClassAsync(new() { ClassId = ids[1], Title = "Science 9" }, teacher.Call);
        await fixture.Classes.CreateClassAsync(new() { ClassId = ids[2], Title = "History 9", TeacherId = teacher.Id }, admin.Call);

        var first = await fixture.Classes.ListTeacherClassesAsync(new() { PageSize = 2 }, teacher.Call);
        var rest = await fixture.Classes.ListTeacherClassesAsync(new() { PageSize = 2, PageToken = first.NextPageToken }, teacher.Call);
        var byAdmin = await fixture.Classes.ListTeacherClassesAsync(new() { TeacherId = teacher.Id }, admin.Call);

        var sorted = ids.Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(sorted[..2], first.Classes.Select(c => c.ClassId));
        Assert.Equal([sorted[2]], rest.Classes.Select(c => c.ClassId));
        Assert.Equal("", rest.NextPageToken);
        Assert.Equal(sorted, byAdmin.Classes.Select(c => c.ClassId));
        var science = byAdmin.Classes.Single(c => c.ClassId == ids[1]);
        Assert.Equal(("Science 9", teacher.Id), (science.Title, science.TeacherId));
        Assert.NotNull(science.CreateTime);
    }

    [Fact]
    public async Task An_admin_must_name_the_teacher_and_a_bad_page_token_is_refused()
    {
        var teacher = await fixture.TeacherAsync();

        var noTeacher = await Assert.ThrowsAsync<RpcException>(() => fixture.Classes.ListTeacherClassesAsync(new(), User.Admin().Call).ResponseAsync);
        var badToken = await Assert.ThrowsAsync<RpcException>(() => fixture.Classes.ListTeacherClassesAsync(new() { PageToken = "garbage!" }, teacher.Call).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, noTeacher.StatusCode);
        Assert.Contains("teacher_id", noTeacher.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.InvalidArgument, badToken.StatusCode);
    }
}
