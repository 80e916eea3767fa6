using Actors.Contracts;
using Actors.Contracts.Errors;
using Actors.Contracts.Schools;
using Actors.Contracts.Students;
using Actors.Domain.Tests.Infrastructure;

namespace Actors.Domain.Tests.Schools;

/// <summary>A school's roster: who belongs, who may change it, and that a student exists exactly while rostered.</summary>
[Collection(DomainCollection.Name)]
public sealed class SchoolGrainTests(DomainCluster cluster)
{
    [Fact]
    public async Task A_student_exists_from_being_rostered_until_being_removed()
    {
        var school = TestSchool.New();
        var id = TestIds.New("student");
        var student = school.Grain<IStudentGrain>(cluster, id);
        var me = Caller.Student(school.Id, id);

        var missing = await Assert.ThrowsAsync<NotFoundException>(() => student.GetGoals(me));
        var added = await school.Roster(cluster).AddMember(school.Admin, id, new SchoolMemberDraft(SchoolRole.Student, "Aroha Ngata"));
        await student.CreateGoal(me, "g", new GoalDraft("Read more"));
        Assert.Equal((id, SchoolRole.Student, "Aroha Ngata", MemberState.Active), (added.UserId, added.Role, added.DisplayName, (await school.Roster(cluster).GetMember(school.Admin, id)).State));

        await school.Roster(cluster).RemoveMember(school.Admin, id);
        var removed = await Assert.ThrowsAsync<NotFoundException>(() => student.GetGoals(me));
        await Assert.ThrowsAsync<NotFoundException>(() => student.GetGoals(school.Admin));
        await Assert.ThrowsAsync<NotFoundException>(() => school.Roster(cluster).GetMember(school.Admin, id));

        // Not rostered and removed look the same: no student.
        Assert.Equal(missing.Message, removed.Message);
    }

    [Fact]
    public async Task Rostering_again_changes_nothing_and_a_user_keeps_one_role()
    {
        var school = TestSchool.New();
        var roster = school.Roster(cluster);
        var id = TestIds.New("user");
        await roster.AddMember(school.Admin, id, new SchoolMemberDraft(SchoolRole.Student, "Liam Chen"));
        var (schoolWrites, studentWrites) = (cluster.WritesOf(roster), cluster.WritesOf(school.Grain<IStudentGrain>(cluster, id)));

        await roster.AddMember(school.Admin, id, new SchoolMemberDraft(SchoolRole.Student, "Liam Chen"));
        Assert.Equal((schoolWrites, studentWrites), (cluster.WritesOf(roster), cluster.WritesOf(school.Grain<IStudentGrain>(cluster, id))));

        var renamed = await roster.AddMember(school.Admin, id, new SchoolMemberDraft(SchoolRole.Student, "Liam C."));
        Assert.Equal("Liam C.", renamed.DisplayName);
        await Assert.ThrowsAsync<ConflictException>(() => roster.AddMember(school.Admin, id, new SchoolMemberDraft(SchoolRole.Teacher, "Liam Chen")));
        await roster.RemoveMember(school.Admin, id);
        await roster.RemoveMember(school.Admin, id); // idempotent
        Assert.Equal(SchoolRole.Teacher, (await roster.AddMember(school.Admin, id, new SchoolMemberDraft(SchoolRole.Teacher, "Liam Chen"))).Role);
    }

    [Fact]
    public async Task Members_are_listed_in_id_order_page_by_page_and_by_role()
    {
        var school = TestSchool.New();
        var roster = school.Roster(cluster);
        var students = new[] { "s-c", "s-a", "s-e", "s-b", "s-d" };
        foreach (var id in students)
        {
            await roster.AddMember(school.Admin, id, new SchoolMemberDraft(SchoolRole.Student, id));
        }

        await roster.AddMember(school.Admin, "t-a", new SchoolMemberDraft(SchoolRole.Teacher, "Teacher"));

        var seen = new List<string>();
        string? after = null;
        SchoolMemberPage page;
        do
        {
            page = await roster.ListMembers(school.Admin, SchoolRole.Student, after, 2);
            seen.AddRange(page.Members.Select(m => m.UserId));
            after = page.Members.LastOrDefault()?.UserId;
        }
        while (page.HasMore);

        Assert.Equal(students.Order(StringComparer.Ordinal), seen);
        Assert.Equal(["t-a"], (await roster.ListMembers(school.Admin, SchoolRole.Teacher, null, 10)).Members.Select(m => m.UserId));
        Assert.Equal(6, (await roster.ListMembers(school.Admin, null, null, 500)).Members.Count);
        Assert.Equal("limit", Assert.Single((await Assert.ThrowsAsync<ValidationException>(() => roster.ListMembers(school.Admin, null, null, 0))).Violations).Field);
    }

    [Fact]
    public async Task Only_the_schools_administrators_use_the_roster()
    {
        var school = TestSchool.New();
        var roster = school.Roster(cluster);
        var teacher = await school.TeacherAsync(cluster);
        var student = await school.StudentAsync(cluster);
        var draft = new SchoolMemberDraft(SchoolRole.Student, "Someone");

        await Assert.ThrowsAsync<AccessDeniedException>(() => roster.AddMember(teacher, "x", draft));
        await Assert.ThrowsAsync<AccessDeniedException>(() => roster.ListMembers(student, null, null, 10));
        await Assert.ThrowsAsync<AccessDeniedException>(() => roster.GetMember(Caller.Operator(school.Id, "ops"), student.UserId));

        // Another school's administrator, calling this school grain directly (the gateway never would), finds no school.
        await Assert.ThrowsAsync<NotFoundException>(() => roster.ListMembers(Caller.SchoolAdmin(TestIds.New("school"), "admin"), null, null, 10));
        var invalid = await Assert.ThrowsAsync<ValidationException>(() => roster.AddMember(school.Admin, "bad id\n", draft with { DisplayName = "" }));
        Assert.Equal(["userId", "draft.displayName"], invalid.Violations.Select(v => v.Field));
    }

    [Fact]
    public async Task A_rostering_interrupted_before_the_students_side_converges_when_retried()
    {
        var school = TestSchool.New();
        var roster = school.Roster(cluster);
        var id = TestIds.New("student");
        var student = school.Grain<IStudentGrain>(cluster, id);
        cluster.Storage.FailNextWrites(student.GetGrainId());

        await Assert.ThrowsAnyAsync<Exception>(() => roster.AddMember(school.Admin, id, new SchoolMemberDraft(SchoolRole.Student, "Maia")));
        Assert.Equal(MemberState.Adding, (await roster.GetMember(school.Admin, id)).State);
        await Assert.ThrowsAsync<NotFoundException>(() => student.GetGoals(school.Admin));
        await cluster.DeactivateAsync(roster);

        await roster.AddMember(school.Admin, id, new SchoolMemberDraft(SchoolRole.Student, "Maia"));

        Assert.Equal(MemberState.Active, (await roster.GetMember(school.Admin, id)).State);
        Assert.Empty(await student.GetGoals(school.Admin));
    }
}
