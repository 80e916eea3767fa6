using Actors.Contracts;
using Actors.Contracts.Errors;
using Actors.Contracts.Students;
using Actors.Domain.Tests.Infrastructure;

namespace Actors.Domain.Tests.Students;

/// <summary>Invalid student input is refused with what was wrong, and nothing is written.</summary>
[Collection(DomainCollection.Name)]
public sealed class StudentValidationTests(DomainCluster cluster)
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    [Fact]
    public async Task An_invalid_profile_lists_every_problem_and_writes_nothing()
    {
        var (student, me) = await StudentFactory.NewAsync(cluster);
        var writes = cluster.WritesOf(student); // the rostering
        var error = await Assert.ThrowsAsync<ValidationException>(() => student.UpdateProfile(me, new StudentProfile
        {
            Name = " ",
            School = "Hill\u0000side",
            YearLevel = 14,
        }));

        Assert.Equal(["profile.name", "profile.school", "profile.yearLevel"], error.Violations.Select(v => v.Field));
        Assert.Contains("U+0000", error.Violations[1].Problem);
        Assert.Equal(writes, cluster.WritesOf(student));
        await Assert.ThrowsAsync<NotFoundException>(() => student.GetProfile(me));
    }

    public static TheoryData<string, Func<IStudentGrain, Caller, Task>, string> InvalidRequests => new()
    {
        { "goal without title", (s, c) => s.CreateGoal(c, "g", new GoalDraft("")), "draft.title" },
        { "goal title too long", (s, c) => s.CreateGoal(c, "g", new GoalDraft(new string('x', DomainLimits.ShortTextLength + 1))), "draft.title" },
        { "goal title on two lines", (s, c) => s.CreateGoal(c, "g", new GoalDraft("one\ntwo")), "draft.title" },
        { "goal id with spaces", (s, c) => s.CreateGoal(c, "my goal", new GoalDraft("Title")), "goalId" },
        { "goal id too long", (s, c) => s.CreateGoal(c, new string('g', DomainLimits.IdLength + 1), new GoalDraft("Title")), "goalId" },
        { "no goal draft", (s, c) => s.CreateGoal(c, "g", null!), "draft" },
        { "progress over 100", (s, c) => s.UpdateGoalProgress(c, "g", 101), "progressPercent" },
        { "activity category with a tab", (s, c) => s.CommitToActivity(c, "a2", new ActivityDraft("Rugby", "Sport\tTeam")), "draft.category" },
        { "no hours", (s, c) => s.LogHours(c, "a", new HoursEntry { EntryId = "e", Hours = 0, On = Today }), "entry.hours" },
        { "too many hours", (s, c) => s.LogHours(c, "a", new HoursEntry { EntryId = "e", Hours = 25, On = Today }), "entry.hours" },
        { "hours too precise", (s, c) => s.LogHours(c, "a", new HoursEntry { EntryId = "e", Hours = 1.005m, On = Today }), "entry.hours" },
        { "hours in the future", (s, c) => s.LogHours(c, "a", new HoursEntry { EntryId = "e", Hours = 1, On = Today.AddDays(7) }), "entry.on" },
        { "reflection on nothing", (s, c) => s.WriteReflection(c, "r", new ReflectionDraft("text", ReflectionSubject.Goal, "no-such-goal")), "draft.subjectId" },
        { "reflection too long", (s, c) => s.WriteReflection(c, "r", new ReflectionDraft(new string('r', DomainLimits.ReflectionLength + 1), ReflectionSubject.Goal, "g")), "draft.text" },
        { "reflection with a bell", (s, c) => s.WriteReflection(c, "r", new ReflectionDraft("ding\u0007", ReflectionSubject.Goal, "g")), "draft.text" },
        { "reflection on an unknown subject kind", (s, c) => s.WriteReflection(c, "r", new ReflectionDraft("text", (ReflectionSubject)9, "g")), "draft.subject" },
        { "blank page view", (s, c) => s.RecordPageView(c, ""), "page" },
        { "page key too long", (s, c) => s.RecordPageView(c, "/" + new string('p', DomainLimits.PageKeyLength)), "page" },
    };

    [Theory]
    [MemberData(nameof(InvalidRequests))]
    public async Task An_invalid_request_is_refused_and_nothing_is_written(string why, Func<IStudentGrain, Caller, Task> request, string field)
    {
        var (student, me) = await StudentFactory.NewAsync(cluster);
        await student.CreateGoal(me, "g", new GoalDraft("A goal"));
        await student.CommitToActivity(me, "a", new ActivityDraft("An activity"));
        var writes = cluster.WritesOf(student);

        var error = await Assert.ThrowsAsync<ValidationException>(() => request(student, me));

        Assert.True(error.Violations.Any(v => v.Field == field), $"{why}: expected a problem with {field}; got: {error.Message}");
        Assert.Equal(writes, cluster.WritesOf(student));
    }

    [Fact]
    public async Task Reflections_may_hold_line_breaks_and_tabs()
    {
        var (student, me) = await StudentFactory.NewAsync(cluster);
        await student.CreateGoal(me, "g", new GoalDraft("A goal"));
        var text = "Week 1:\r\n\tstarted.\nWeek 2: kept going — ka pai! 🌱";
        await student.WriteReflection(me, "r", new ReflectionDraft(text, ReflectionSubject.Goal, "g"));
        await cluster.DeactivateAsync(student);
        Assert.Equal(text, Assert.Single(await student.GetReflections(me)).Text);
    }
}
