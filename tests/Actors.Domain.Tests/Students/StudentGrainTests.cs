using Actors.Contracts;
using Actors.Contracts.Classes;
using Actors.Contracts.Errors;
using Actors.Contracts.Students;
using Actors.Domain.Tests.Infrastructure;

namespace Actors.Domain.Tests.Students;

/// <summary>A student's profile, goals, activities, reflections, resume and who may see them.</summary>
[Collection(DomainCollection.Name)]
public sealed class StudentGrainTests(DomainCluster cluster)
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    [Fact]
    public async Task Goals_and_activities_build_a_resume_that_survives_deactivation()
    {
        var (student, me) = await StudentFactory.NewAsync(cluster);
        await student.UpdateProfile(me, new StudentProfile { Name = "Aroha Ngata", School = "Kāpiti College", YearLevel = 12 });
        await student.CreateGoal(me, "g-run", new GoalDraft("Run a half marathon", "Train three times a week", Today.AddMonths(3)));
        await student.CreateGoal(me, "g-read", new GoalDraft("Read 20 books"));
        await student.CreateGoal(me, "g-old", new GoalDraft("Learn the ukulele"));
        await student.UpdateGoalProgress(me, "g-run", 60);
        await student.CompleteGoal(me, "g-run");
        await student.ArchiveGoal(me, "g-old");
        await student.CommitToActivity(me, "a-surf", new ActivityDraft("Surf life saving", "Service", "Weekend patrols"));
        await student.LogHours(me, "a-surf", new HoursEntry { EntryId = "h1", Hours = 3.5m, On = Today });
        await student.LogHours(me, "a-surf", new HoursEntry { EntryId = "h2", Hours = 4m, On = Today.AddDays(-1) });
        await student.CompleteActivity(me, "a-surf");
        await student.CommitToActivity(me, "a-choir", new ActivityDraft("Choir"));

        await cluster.DeactivateAsync(student);
        var resume = await student.GetResume(me);
        var goals = await student.GetGoals(me);

        Assert.Equal("Aroha Ngata", resume.Profile!.Name);
        Assert.Equal(["Run a half marathon"], resume.Goals.Select(g => g.Title));
        var activity = Assert.Single(resume.Activities);
        Assert.Equal(("Surf life saving", "Service", 7.5m), (activity.Title, activity.Category, activity.Hours));
        Assert.Equal(7.5m, resume.TotalHours);
        Assert.Equal(
            [("g-run", GoalStatus.Completed, 100), ("g-read", GoalStatus.Active, 0), ("g-old", GoalStatus.Archived, 0)],
            goals.Select(g => (g.Id, g.Status, g.ProgressPercent)));
    }

    [Fact]
    public async Task Goal_states_only_move_forward()
    {
        var (student, me) = await StudentFactory.NewAsync(cluster);
        await student.CreateGoal(me, "g", new GoalDraft("Make the team"));
        await student.ArchiveGoal(me, "g");

        await Assert.ThrowsAsync<ConflictException>(() => student.UpdateGoalProgress(me, "g", 50));
        await Assert.ThrowsAsync<ConflictException>(() => student.CompleteGoal(me, "g"));
        Assert.Equal(GoalStatus.Archived, (await student.ArchiveGoal(me, "g")).Status); // idempotent
        await Assert.ThrowsAsync<NotFoundException>(() => student.CompleteGoal(me, "nope"));

        await student.CommitToActivity(me, "a", new ActivityDraft("Debating"));
        await student.CompleteActivity(me, "a");
        await Assert.ThrowsAsync<ConflictException>(() => student.LogHours(me, "a", new HoursEntry { EntryId = "late", Hours = 1, On = Today }));
    }

    [Fact]
    public async Task Repeated_creates_with_the_same_id_are_not_applied_twice()
    {
        var (student, me) = await StudentFactory.NewAsync(cluster);
        var goal = await student.CreateGoal(me, "g", new GoalDraft("Save for a bike"));
        await student.CommitToActivity(me, "a", new ActivityDraft("Paper run"));
        var entry = new HoursEntry { EntryId = "e1", Hours = 1.25m, On = Today };
        await student.LogHours(me, "a", entry);
        var writes = cluster.WritesOf(student);

        Assert.Equal(goal, await student.CreateGoal(me, "g", new GoalDraft("Save for a bike")));
        await student.CommitToActivity(me, "a", new ActivityDraft("Paper run"));
        var activity = await student.LogHours(me, "a", entry);

        Assert.Equal(writes, cluster.WritesOf(student));
        Assert.Equal(1.25m, activity.TotalHours);
        await Assert.ThrowsAsync<ConflictException>(() => student.CreateGoal(me, "g", new GoalDraft("Something else")));
        await Assert.ThrowsAsync<ConflictException>(() => student.LogHours(me, "a", entry with { Hours = 2 }));
    }

    [Fact]
    public async Task Reflections_are_private_unless_shared_with_a_class_teacher()
    {
        var school = TestSchool.Main;
        var (student, me) = await StudentFactory.NewAsync(cluster);
        var teacher = await school.TeacherAsync(cluster);
        var otherTeacher = await school.TeacherAsync(cluster);
        var classId = TestIds.New("class");
        await student.CreateGoal(me, "g", new GoalDraft("Speak at assembly"));
        await student.WriteReflection(me, "r1", new ReflectionDraft("I was nervous.\nBut it went well.", ReflectionSubject.Goal, "g"));
        await student.WriteReflection(me, "r2", new ReflectionDraft("Private thoughts", ReflectionSubject.Goal, "g"));

        await Assert.ThrowsAsync<AccessDeniedException>(() => student.GetReflections(teacher));
        await Assert.ThrowsAsync<ConflictException>(() => student.ShareReflection(me, "r1", classId)); // not in that class yet

        var course = school.Grain<IClassGrain>(cluster, classId);
        await course.Create(teacher, new ClassDraft("Year 10 English"));
        await course.Enroll(school.Admin, me.UserId);
        Assert.Empty(await student.GetReflections(teacher));

        await student.ShareReflection(me, "r1", classId);
        Assert.Equal(["r1"], (await student.GetReflections(teacher)).Select(r => r.Id));
        await Assert.ThrowsAsync<AccessDeniedException>(() => student.GetReflections(otherTeacher));

        // The grain itself keeps private reflections from everyone else, a school administrator included.
        Assert.Equal(["r1"], (await student.GetReflections(school.Admin)).Select(r => r.Id));
        Assert.Equal(["r1", "r2"], (await student.GetReflections(me)).Select(r => r.Id));

        await student.UnshareReflection(me, "r1", classId);
        Assert.Empty(await student.GetReflections(teacher));
        Assert.Empty(await student.GetReflections(school.Admin));

        // Leaving the class takes its shares away for good: re-enrolling does not reveal them again.
        await student.ShareReflection(me, "r1", classId);
        await course.Remove(teacher, me.UserId);
        await course.Enroll(school.Admin, me.UserId);
        Assert.Empty(await student.GetReflections(teacher));
    }

    [Fact]
    public async Task Only_the_student_the_schools_administrators_and_their_teachers_may_look()
    {
        var school = TestSchool.Main;
        var (student, me) = await StudentFactory.NewAsync(cluster);
        var classmate = await school.StudentAsync(cluster);
        var stranger = await school.TeacherAsync(cluster);
        var admin = school.Admin;
        await student.CreateGoal(me, "g", new GoalDraft("Pass maths"));

        await Assert.ThrowsAsync<AccessDeniedException>(() => student.GetGoals(classmate));
        await Assert.ThrowsAsync<AccessDeniedException>(() => student.CreateGoal(classmate, "g2", new GoalDraft("Sabotage")));
        await Assert.ThrowsAsync<AccessDeniedException>(() => student.GetResume(stranger));
        await Assert.ThrowsAsync<AccessDeniedException>(() => student.RecordPageView(admin, "/goals"));
        await Assert.ThrowsAsync<AccessDeniedException>(() => student.WriteReflection(admin, "r", new ReflectionDraft("Not mine to write", ReflectionSubject.Goal, "g")));
        await Assert.ThrowsAsync<AccessDeniedException>(() => student.GetPageViews(stranger));

        // A teacher with the same user id as the student is not the student.
        await Assert.ThrowsAsync<AccessDeniedException>(() => student.CreateGoal(Caller.Teacher(school.Id, me.UserId), "g3", new GoalDraft("Impostor")));

        await student.UpdateProfile(admin, new StudentProfile { Name = "Set by admin", School = "School", YearLevel = 9 });
        Assert.Equal("Set by admin", (await student.GetProfile(me)).Name);
        Assert.Single(await student.GetGoals(admin));
    }
}
