using Actors.Contracts;
using Actors.Contracts.Classes;
using Actors.Contracts.Documents;
using Actors.Contracts.Errors;
using Actors.Contracts.Students;
using Actors.Domain.Tests.Infrastructure;

namespace Actors.Domain.Tests.Classes;

/// <summary>
/// A class carries out each student's join or leave and each copy on its own: one that fails or is refused holds up
/// only itself — a failure is visible in the class's state and retried in the background (every second in this
/// cluster) until it succeeds; a refused admission falls back to an invitation the student can accept later.
/// </summary>
[Collection(FastRetryDomainCollection.Name)]
public sealed class ReconciliationTests(FastRetryDomainCluster cluster)
{
    [Fact]
    public async Task Copies_are_made_from_what_was_assigned_after_the_original_s_owner_withdrew_the_teacher_s_access()
    {
        var setup = await ClassSetup.CreateAsync(cluster, students: 1);
        var colleague = await setup.School.TeacherAsync(cluster, TestIds.New("colleague"));
        var sheetId = TestIds.New("doc");
        var sheet = setup.School.Grain<IDocumentGrain>(cluster, sheetId);
        await sheet.Create(colleague, new DocumentDraft("Shared lab sheet", 3, "s3://content/lab.pdf"));
        await sheet.ShareWithReader(colleague, setup.Teacher.UserId);
        await setup.Class.AssignDocument(setup.Teacher, "lab", new AssignmentDraft(sheetId, DateTimeOffset.UtcNow.AddDays(7)));
        await sheet.RevokeReader(colleague, setup.Teacher.UserId);

        var late = (await setup.School.StudentAsync(cluster, TestIds.New("late"))).UserId;
        var details = await setup.Class.Enroll(setup.School.Admin, late);

        Assert.Equal(RosterState.Active, details.Roster.Single(e => e.StudentId == late).State);
        Assert.Equal(2, details.Assignments.Single().Work.Count);
        var copy = await setup.CopyFor(cluster, "lab", late).GetInfo(Caller.Student(setup.School.Id, late));
        Assert.Equal(("Shared lab sheet", 3, "s3://content/lab.pdf", late), (copy.Title, copy.PageCount, copy.ContentRef, copy.OwnerId));
    }

    [Fact]
    public async Task A_student_at_the_class_limit_holds_up_only_their_own_enrollment_until_they_accept_with_room()
    {
        var setup = await ClassSetup.CreateAsync(cluster, students: 1);
        await setup.Class.AssignDocument(setup.Teacher, "hw1", setup.Worksheet());
        var full = await setup.School.StudentAsync(cluster, TestIds.New("full"));
        var clubs = await FillClassesAsync(setup.School, full.UserId);

        await Assert.ThrowsAsync<QuotaExceededException>(() => setup.Class.Enroll(setup.School.Admin, full.UserId));
        var newcomer = (await setup.School.StudentAsync(cluster, TestIds.New("newcomer"))).UserId;
        var afterNewcomer = await setup.Class.Enroll(setup.School.Admin, newcomer);
        var hw2 = await setup.Class.AssignDocument(setup.Teacher, "hw2", setup.Worksheet());

        // Everyone else went ahead: the newcomer is in, with a copy of the earlier assignment; the new one was handed out.
        Assert.Equal(RosterState.Active, afterNewcomer.Roster.Single(e => e.StudentId == newcomer).State);
        Assert.Equal(newcomer, (await setup.CopyFor(cluster, "hw1", newcomer).GetInfo(Caller.Student(setup.School.Id, newcomer))).OwnerId);
        Assert.Equal(new[] { setup.StudentIds[0], newcomer }.Order(StringComparer.Ordinal), hw2.Work.Select(w => w.StudentId).Order(StringComparer.Ordinal));

        // The refused admission fell back to an invitation, which the student holds.
        var waiting = (await setup.Class.GetDetails(setup.Teacher)).Roster.Single(e => e.StudentId == full.UserId);
        Assert.Equal(RosterState.Invited, waiting.State);
        Assert.Null(waiting.Issue);

        // Room again: the student accepts, and gets the copies of every assignment.
        await setup.School.Grain<IClassGrain>(cluster, clubs[0]).Remove(setup.School.Admin, full.UserId);
        var accepted = await setup.Class.AcceptInvitation(full);
        Assert.Equal(RosterState.Active, Assert.Single(accepted.Roster).State);
        Assert.All(accepted.Assignments, a => Assert.Equal(full.UserId, Assert.Single(a.Work).StudentId));
        Assert.Contains(setup.ClassId, await setup.ClassesOfAsync(cluster, full.UserId));
    }

    [Fact]
    public async Task A_failure_that_heals_is_retried_in_the_background_and_shown_until_then()
    {
        var setup = await ClassSetup.CreateAsync(cluster, students: 1);
        var studentId = (await setup.School.StudentAsync(cluster)).UserId;
        cluster.Storage.FailNextWrites(setup.StudentGrain(cluster, studentId).GetGrainId(), count: 3);
        cluster.Storage.FailNextWrites(setup.CopyFor(cluster, "hw1", setup.StudentIds[0]).GetGrainId(), count: 3);

        StorageErrors.AssertTransientStorageFailure(await Assert.ThrowsAnyAsync<Exception>(() => setup.Class.Enroll(setup.School.Admin, studentId)));
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
        Assert.Equal([setup.ClassId], await setup.ClassesOfAsync(cluster, studentId));
    }

    /// <summary>Enrolls <paramref name="studentId"/> in as many classes of <paramref name="school"/> as a student may belong to.</summary>
    private async Task<IReadOnlyList<string>> FillClassesAsync(TestSchool school, string studentId)
    {
        var teacher = await school.TeacherAsync(cluster, TestIds.New("clubs"));
        var classIds = Enumerable.Range(0, DomainLimits.ClassesPerStudent).Select(i => TestIds.New($"club{i}")).ToList();
        foreach (var chunk in classIds.Chunk(20))
        {
            await Task.WhenAll(chunk.Select(async classId =>
            {
                var club = school.Grain<IClassGrain>(cluster, classId);
                await club.Create(teacher, new ClassDraft("Lunchtime club"));
                await club.Enroll(school.Admin, studentId);
            }));
        }

        return classIds;
    }
}
