using Actors.Contracts;
using Actors.Contracts.Classes;
using Actors.Contracts.Documents;
using Actors.Contracts.Errors;
using Actors.Contracts.Students;
using Actors.Domain.Tests.Infrastructure;

namespace Actors.Domain.Tests.Classes;

/// <summary>
/// A class carries out each student's join or leave and each copy on its own: one that fails or is refused holds up
/// only itself (visible in the class's state), and the class keeps retrying it in the background — every second in
/// this cluster — until it succeeds.
/// </summary>
[Collection(FastRetryDomainCollection.Name)]
public sealed class ReconciliationTests(FastRetryDomainCluster cluster)
{
    [Fact]
    public async Task Copies_are_made_from_what_was_assigned_after_the_original_s_owner_withdrew_the_teacher_s_access()
    {
        var setup = await ClassSetup.CreateAsync(cluster, students: 1);
        var colleague = Caller.Teacher(TestIds.New("colleague"));
        var sheetId = TestIds.New("doc");
        var sheet = cluster.Grain<IDocumentGrain>(sheetId);
        await sheet.Create(colleague, new DocumentDraft("Shared lab sheet", 3, "s3://content/lab.pdf"));
        await sheet.ShareWithReader(colleague, setup.Teacher.UserId);
        await setup.Class.AssignDocument(setup.Teacher, "lab", new AssignmentDraft(sheetId, DateTimeOffset.UtcNow.AddDays(7)));
        await sheet.RevokeReader(colleague, setup.Teacher.UserId);

        var late = TestIds.New("late");
        var details = await setup.Class.Enroll(setup.Teacher, late);

        Assert.Equal(RosterState.Active, details.Roster.Single(e => e.StudentId == late).State);
        Assert.Equal(2, details.Assignments.Single().Work.Count);
        var copy = await setup.CopyFor(cluster, "lab", late).GetInfo(Caller.Student(late));
        Assert.Equal(("Shared lab sheet", 3, "s3://content/lab.pdf", late), (copy.Title, copy.PageCount, copy.ContentRef, copy.OwnerId));
    }

    [Fact]
    public async Task A_student_at_the_class_limit_holds_up_only_their_own_enrollment_until_there_is_room()
    {
        var setup = await ClassSetup.CreateAsync(cluster, students: 1);
        await setup.Class.AssignDocument(setup.Teacher, "hw1", setup.Worksheet());
        var full = TestIds.New("full");
        var (clubs, clubTeacher) = await FillClassesAsync(full);

        await Assert.ThrowsAsync<QuotaExceededException>(() => setup.Class.Enroll(setup.Teacher, full));
        var newcomer = TestIds.New("newcomer");
        var afterNewcomer = await setup.Class.Enroll(setup.Teacher, newcomer);
        var hw2 = await setup.Class.AssignDocument(setup.Teacher, "hw2", setup.Worksheet());

        // Everyone else went ahead: the newcomer is in, with a copy of the earlier assignment; the new one was handed out.
        Assert.Equal(RosterState.Active, afterNewcomer.Roster.Single(e => e.StudentId == newcomer).State);
        Assert.Equal(newcomer, (await setup.CopyFor(cluster, "hw1", newcomer).GetInfo(Caller.Student(newcomer))).OwnerId);
        Assert.Equal(new[] { setup.StudentIds[0], newcomer }.Order(StringComparer.Ordinal), hw2.Work.Select(w => w.StudentId).Order(StringComparer.Ordinal));

        // The refused one is visible, with its reason.
        var waiting = (await setup.Class.GetDetails(setup.Teacher)).Roster.Single(e => e.StudentId == full);
        Assert.Equal(RosterState.Joining, waiting.State);
        Assert.True(waiting.Issue is { Refused: true }, $"Expected a refusal on the entry, got {waiting.Issue}.");
        Assert.Contains("limit", waiting.Issue!.Reason, StringComparison.Ordinal);

        // Room again: the background retry, which a refusal did not stop, finishes the enrollment and its copies.
        await cluster.Grain<IClassGrain>(clubs[0]).Remove(clubTeacher, full);
        await Eventually.HoldsAsync(
            async () =>
            {
                var details = await setup.Class.GetDetails(setup.Teacher);
                return details.Roster.Single(e => e.StudentId == full) is { State: RosterState.Active, Issue: null }
                    && details.Assignments.All(a => a.Work.Any(w => w.StudentId == full));
            },
            "the background retry has enrolled the student and made their copies");
        Assert.Contains(setup.ClassId, await ClassSetup.ClassesOfAsync(cluster, full));
    }

    [Fact]
    public async Task A_failure_that_heals_is_retried_in_the_background_and_shown_until_then()
    {
        var setup = await ClassSetup.CreateAsync(cluster, students: 1);
        var studentId = TestIds.New("student");
        cluster.Storage.FailNextWrites(cluster.Grain<IStudentGrain>(studentId).GetGrainId(), count: 3);
        cluster.Storage.FailNextWrites(setup.CopyFor(cluster, "hw1", setup.StudentIds[0]).GetGrainId(), count: 3);

        StorageErrors.AssertTransientStorageFailure(await Assert.ThrowsAnyAsync<Exception>(() => setup.Class.Enroll(setup.Teacher, studentId)));
        StorageErrors.AssertTransientStorageFailure(await Assert.ThrowsAnyAsync<Exception>(() => setup.Class.AssignDocument(setup.Teacher, "hw1", setup.Worksheet())));

        var details = await setup.Class.GetDetails(setup.Teacher);
        Assert.True(details.Roster.Single(e => e.StudentId == studentId).Issue is { Refused: false }, "the failed join is shown as a failure being retried");
        Assert.Equal(setup.StudentIds[0], Assert.Single(details.Assignments.Single().CopyIssues).StudentId);

        // The injected failures run out after a few attempts: the background retry gets through by itself.
        await Eventually.HoldsAsync(
            async () =>
            {
                var now = await setup.Class.GetDetails(setup.Teacher);
                return now.Roster.All(e => e is { State: RosterState.Active, Issue: null })
                    && now.Assignments.Single() is { CopyIssues.Count: 0, Work.Count: 2 };
            },
            "the class has finished the enrollment and both copies");
        Assert.Equal([setup.ClassId], await ClassSetup.ClassesOfAsync(cluster, studentId));
    }

    /// <summary>Enrolls <paramref name="studentId"/> in as many classes as a student may belong to.</summary>
    private async Task<(IReadOnlyList<string> ClassIds, Caller Teacher)> FillClassesAsync(string studentId)
    {
        var teacher = Caller.Teacher(TestIds.New("clubs"));
        var classIds = Enumerable.Range(0, DomainLimits.ClassesPerStudent).Select(i => TestIds.New($"club{i}")).ToList();
        foreach (var chunk in classIds.Chunk(20))
        {
            await Task.WhenAll(chunk.Select(async classId =>
            {
                var club = cluster.Grain<IClassGrain>(classId);
                await club.Create(teacher, new ClassDraft("Lunchtime club"));
                await club.Enroll(teacher, studentId);
            }));
        }

        return (classIds, teacher);
    }
}
