using Actors.Api.V1;
using Actors.Gateway.Tests.Infrastructure;

namespace Actors.Gateway.Tests.Services;

[Collection(GatewayCollection.Name)]
public sealed class StudentServiceTests(GatewayFixture fixture)
{
    [Fact]
    public async Task A_student_builds_a_resume_through_the_gateway()
    {
        var me = await fixture.StudentAsync();
        var students = fixture.Students;
        await students.UpdateProfileAsync(new() { StudentId = me.Id, Profile = new() { Name = "Mere", School = "Kura", YearLevel = 11 } }, me.Call);
        var goal = await students.CreateGoalAsync(new() { StudentId = me.Id, GoalId = "g1", Title = "Learn te reo", Description = "Daily", TargetDate = "2030-12-01" }, me.Call);
        await students.UpdateGoalProgressAsync(new() { StudentId = me.Id, GoalId = "g1", ProgressPercent = 60 }, me.Call);
        await students.CompleteGoalAsync(new() { StudentId = me.Id, GoalId = "g1" }, me.Call);
        await students.CommitToActivityAsync(new() { StudentId = me.Id, ActivityId = "a1", Title = "Waka ama", Category = "Sport" }, me.Call);
        await students.LogHoursAsync(new() { StudentId = me.Id, ActivityId = "a1", EntryId = "e1", Hours = 2.25, On = "2024-03-01" }, me.Call);
        await students.LogHoursAsync(new() { StudentId = me.Id, ActivityId = "a1", EntryId = "e1", Hours = 2.25, On = "2024-03-01" }, me.Call); // a retry: counted once
        var activity = await students.CompleteActivityAsync(new() { StudentId = me.Id, ActivityId = "a1" }, me.Call);
        await students.RecordPageViewAsync(new() { StudentId = me.Id, Page = "/resume" }, me.Call);

        var resume = await students.GetResumeAsync(new() { StudentId = me.Id }, me.Call);
        var views = await students.GetPageViewsAsync(new() { StudentId = me.Id }, me.Call);

        Assert.Equal(GoalStatus.Active, goal.Status);
        Assert.Equal("2030-12-01", goal.TargetDate);
        Assert.Equal(2.25, activity.TotalHours);
        Assert.Equal("Mere", resume.Profile.Name);
        Assert.Equal("Learn te reo", Assert.Single(resume.Goals).Title);
        Assert.Equal(("Waka ama", "Sport", 2.25), (resume.Activities[0].Title, resume.Activities[0].Category, resume.Activities[0].Hours));
        Assert.Equal(1, views.ByPage["/resume"]);
        Assert.Equal((1L, 1L), (views.Total, views.Durable + views.Pending)); // written or not yet: the reply says which
    }

    [Fact]
    public async Task A_page_view_sent_again_with_its_request_id_counts_once()
    {
        var me = await fixture.StudentAsync();
        var requestId = Guid.NewGuid().ToString();

        await fixture.Students.RecordPageViewAsync(new() { StudentId = me.Id, Page = "/goals", RequestId = requestId }, me.Call);
        await fixture.Students.RecordPageViewAsync(new() { StudentId = me.Id, Page = "/goals", RequestId = requestId }, me.Call);
        await fixture.Students.RecordPageViewAsync(new() { StudentId = me.Id, Page = "/goals" }, me.Call);

        Assert.Equal(2, (await fixture.Students.GetPageViewsAsync(new() { StudentId = me.Id }, me.Call)).Total);
    }

    [Fact]
    public async Task Lists_page_through_everything_once()
    {
        var me = await fixture.StudentAsync();
        var ids = Enumerable.Range(0, 7).Select(i => $"goal-{i}").ToList();
        foreach (var id in ids)
        {
            await fixture.Students.CreateGoalAsync(new() { StudentId = me.Id, GoalId = id, Title = id }, me.Call);
        }

        var seen = new List<string>();
        var token = "";
        var pages = 0;
        do
        {
            var page = await fixture.Students.ListGoalsAsync(new() { StudentId = me.Id, PageSize = 3, PageToken = token }, me.Call);
            seen.AddRange(page.Goals.Select(g => g.GoalId));
            token = page.NextPageToken;
            pages++;
        }
        while (token.Length > 0 && pages < 10);

        Assert.Equal(ids, seen);
        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task Private_reflections_never_leave_the_student()
    {
        var world = await fixture.WorldAsync();
        var privateId = await world.WriteReflectionAsync();

        var own = await fixture.Students.ListReflectionsAsync(new() { StudentId = world.Student.Id, PageSize = 500 }, world.Student.Call);
        var teacher = await fixture.Students.ListReflectionsAsync(new() { StudentId = world.Student.Id, PageSize = 500 }, world.Teacher.Call);
        var admin = await fixture.Students.ListReflectionsAsync(new() { StudentId = world.Student.Id, PageSize = 500 }, world.SchoolAdmin.Call);

        Assert.Contains(own.Reflections, r => r.ReflectionId == privateId);
        Assert.Contains(teacher.Reflections, r => r.ReflectionId == world.SharedReflectionId);
        Assert.DoesNotContain(teacher.Reflections, r => r.ReflectionId == privateId);
        Assert.DoesNotContain(admin.Reflections, r => r.ReflectionId == privateId);
        Assert.All(teacher.Reflections.Concat(admin.Reflections), r => Assert.NotEmpty(r.SharedWithClassIds));
    }
}
