using Actors.Api.V1;
using Actors.Gateway.Tests.Infrastructure;
using Grpc.Core;

namespace Actors.Gateway.Tests.Services;

/// <summary>
/// Enrollment by a teacher is an invitation: until the student accepts it (or joins with the code) the teacher sees
/// nothing of the student; after, exactly what the authorization matrix gives a class's teacher. A teacher reaches
/// only students rostered in the same school, and a hostile teacher's invitations crowd no one out.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class InvitationTests(GatewayFixture fixture)
{
    [Fact]
    public async Task A_teacher_sees_nothing_of_an_invited_student_until_they_accept()
    {
        var (teacher, student) = (await fixture.TeacherAsync(), await fixture.StudentAsync());
        var classId = await ClassOfAsync(teacher);
        var (students, classes) = (fixture.Students, fixture.Classes);
        await students.UpdateProfileAsync(new() { StudentId = student.Id, Profile = new() { Name = "Maia", School = "Kura", YearLevel = 12 } }, student.Call);
        await students.CreateGoalAsync(new() { StudentId = student.Id, GoalId = "g", Title = "Scholarship" }, student.Call);
        await students.WriteReflectionAsync(new() { StudentId = student.Id, ReflectionId = "private", Text = "Just mine.", Subject = ReflectionSubject.Goal, SubjectId = "g" }, student.Call);

        var invited = await classes.EnrollStudentAsync(new() { ClassId = classId, StudentId = student.Id }, teacher.Call);

        Assert.Equal(RosterState.Invited, invited.State);
        foreach (var read in Reads(student.Id))
        {
            Assert.Equal(StatusCode.PermissionDenied, await StatusOf(read(teacher.Call)));
        }

        var own = Assert.Single((await students.ListClassesAsync(new() { StudentId = student.Id }, student.Call)).Classes);
        Assert.Equal((classId, ClassMembershipState.Invited), (own.ClassId, own.State));

        var accepted = await classes.AcceptInvitationAsync(new() { ClassId = classId }, student.Call);
        await students.WriteReflectionAsync(new() { StudentId = student.Id, ReflectionId = "shared", Text = "For my teacher.", Subject = ReflectionSubject.Goal, SubjectId = "g" }, student.Call);
        await students.ShareReflectionAsync(new() { StudentId = student.Id, ReflectionId = "shared", ClassId = classId }, student.Call);

        Assert.Equal(RosterState.Active, accepted.State);
        foreach (var read in Reads(student.Id))
        {
            Assert.Equal(StatusCode.OK, await StatusOf(read(teacher.Call)));
        }

        Assert.Equal("Maia", (await students.GetProfileAsync(new() { StudentId = student.Id }, teacher.Call)).Name);
        Assert.Equal(["shared"], (await students.ListReflectionsAsync(new() { StudentId = student.Id }, teacher.Call)).Reflections.Select(r => r.ReflectionId));
        Assert.Equal(StatusCode.PermissionDenied, await StatusOf(students.CreateGoalAsync(new() { StudentId = student.Id, GoalId = "t", Title = "Set by teacher" }, teacher.Call).ResponseAsync));
    }

    [Fact]
    public async Task A_teacher_cannot_enroll_a_student_of_another_school_or_one_not_rostered()
    {
        var teacher = await fixture.TeacherAsync();
        var classId = await ClassOfAsync(teacher);
        var elsewhere = await fixture.StudentAsync(school: Schools.B);
        var unrostered = User.Student();
        var colleague = await fixture.TeacherAsync();

        foreach (var id in new[] { elsewhere.Id, unrostered.Id, colleague.Id })
        {
            var error = await Assert.ThrowsAsync<RpcException>(() => fixture.Classes.EnrollStudentAsync(new() { ClassId = classId, StudentId = id }, teacher.Call).ResponseAsync);
            Assert.Equal((StatusCode.NotFound, $"No student '{id}'."), (error.StatusCode, error.Status.Detail));
        }

        Assert.Empty((await fixture.Classes.ListRosterAsync(new() { ClassId = classId }, teacher.Call)).Entries);
    }

    [Fact]
    public async Task Students_join_with_the_code_and_a_rotated_code_stops_working()
    {
        var teacher = await fixture.TeacherAsync();
        var classId = await ClassOfAsync(teacher);
        var (first, second) = (await fixture.StudentAsync(), await fixture.StudentAsync());
        var code = (await fixture.Classes.GetJoinCodeAsync(new() { ClassId = classId }, teacher.Call)).JoinCode;

        var joined = await fixture.Classes.JoinClassAsync(new() { ClassId = classId, JoinCode = code }, first.Call);
        var rotated = (await fixture.Classes.RotateJoinCodeAsync(new() { ClassId = classId }, teacher.Call)).JoinCode;
        var stale = await StatusOf(fixture.Classes.JoinClassAsync(new() { ClassId = classId, JoinCode = code }, second.Call).ResponseAsync);
        var fresh = await fixture.Classes.JoinClassAsync(new() { ClassId = classId, JoinCode = rotated }, second.Call);

        Assert.Equal((RosterState.Active, RosterState.Active), (joined.State, fresh.State));
        Assert.Equal(StatusCode.PermissionDenied, stale);
        Assert.Equal("Maths", (await fixture.Students.ListClassesAsync(new() { StudentId = first.Id }, teacher.Call)).Classes.Single().Title);
    }

    [Fact]
    public async Task A_hundred_hostile_invitations_do_not_block_a_legitimate_class()
    {
        var (hostile, legitimate, victim) = (await fixture.TeacherAsync("hostile"), await fixture.TeacherAsync(), await fixture.StudentAsync("victim"));
        var statuses = new List<StatusCode>();
        for (var i = 0; i < 100; i++)
        {
            var bait = await ClassOfAsync(hostile);
            statuses.Add(await StatusOf(fixture.Classes.EnrollStudentAsync(new() { ClassId = bait, StudentId = victim.Id }, hostile.Call).ResponseAsync));
        }

        var classId = await ClassOfAsync(legitimate);
        var invited = await fixture.Classes.EnrollStudentAsync(new() { ClassId = classId, StudentId = victim.Id }, legitimate.Call);
        var accepted = await fixture.Classes.AcceptInvitationAsync(new() { ClassId = classId }, victim.Call);
        var byCode = await ClassOfAsync(legitimate);
        var code = (await fixture.Classes.GetJoinCodeAsync(new() { ClassId = byCode }, legitimate.Call)).JoinCode;
        var joined = await fixture.Classes.JoinClassAsync(new() { ClassId = byCode, JoinCode = code }, victim.Call);
        var classes = (await fixture.Students.ListClassesAsync(new() { StudentId = victim.Id, PageSize = 500 }, victim.Call)).Classes;

        // A teacher holds at most 5 invitations out to one student; the rest were refused and left nothing behind.
        Assert.Equal(5, statuses.Count(s => s == StatusCode.OK));
        Assert.Equal(95, statuses.Count(s => s == StatusCode.ResourceExhausted));
        Assert.Equal((RosterState.Invited, RosterState.Active, RosterState.Active), (invited.State, accepted.State, joined.State));
        Assert.Equal(5, classes.Count(c => c.TeacherId == hostile.Id && c.State == ClassMembershipState.Invited));
        Assert.Equal(new[] { classId, byCode }.Order(StringComparer.Ordinal), classes.Where(c => c.State == ClassMembershipState.Active).Select(c => c.ClassId).Order(StringComparer.Ordinal));
        Assert.Equal(StatusCode.PermissionDenied, await StatusOf(fixture.Students.GetProfileAsync(new() { StudentId = victim.Id }, hostile.Call).ResponseAsync));
    }

    private static IEnumerable<Func<CallOptions, Task>> ReadsOf(GatewayFixture fixture, string studentId) =>
    [
        o => fixture.Students.GetProfileAsync(new() { StudentId = studentId }, o).ResponseAsync,
        o => fixture.Students.ListGoalsAsync(new() { StudentId = studentId }, o).ResponseAsync,
        o => fixture.Students.ListActivitiesAsync(new() { StudentId = studentId }, o).ResponseAsync,
        o => fixture.Students.ListReflectionsAsync(new() { StudentId = studentId }, o).ResponseAsync,
        o => fixture.Students.GetResumeAsync(new() { StudentId = studentId }, o).ResponseAsync,
        o => fixture.Students.ListClassesAsync(new() { StudentId = studentId }, o).ResponseAsync,
    ];

    private IEnumerable<Func<CallOptions, Task>> Reads(string studentId) => ReadsOf(fixture, studentId);

    private async Task<string> ClassOfAsync(User teacher)
    {
        var id = TestIds.New("class");
        await fixture.Classes.CreateClassAsync(new() { ClassId = id, Title = "Maths" }, teacher.Call);
        return id;
    }

    private static async Task<StatusCode> StatusOf(Task call)
    {
        try
        {
            await call;
            return StatusCode.OK;
        }
        catch (RpcException e)
        {
            return e.StatusCode;
        }
    }
}
