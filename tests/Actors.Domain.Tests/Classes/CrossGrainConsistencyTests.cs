using Actors.Contracts;
using Actors.Contracts.Classes;
using Actors.Contracts.Errors;
using Actors.Contracts.Students;
using Actors.Domain.Tests.Infrastructure;

namespace Actors.Domain.Tests.Classes;

/// <summary>
/// Operations spanning grains, interrupted between their steps by a storage failure, converge: when the call is
/// retried (on the same activation, whose background retry is minutes away in the test silo, so the retried call
/// itself must finish the work), or on the class's next activation (what a killed silo leaves behind).
/// </summary>
[Collection(DomainCollection.Name)]
public sealed class CrossGrainConsistencyTests(DomainCluster cluster)
{
    [Fact]
    public async Task An_enrollment_interrupted_before_the_students_side_converges_when_retried()
    {
        var setup = await ClassSetup.CreateAsync(cluster, students: 0);
        var studentId = (await setup.School.StudentAsync(cluster)).UserId;
        var student = setup.StudentGrain(cluster, studentId);
        cluster.Storage.FailNextWrites(student.GetGrainId());

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => setup.Class.Enroll(setup.School.Admin, studentId));
        StorageErrors.AssertTransientStorageFailure(failure);

        // Half done: the class recorded the intent, the student does not know yet.
        Assert.Equal(RosterState.Joining, Assert.Single((await setup.Class.GetDetails(setup.Teacher)).Roster).State);
        Assert.Empty(await setup.ClassesOfAsync(cluster, studentId));

        var retried = await setup.Class.Enroll(setup.School.Admin, studentId);

        Assert.Equal(RosterState.Active, Assert.Single(retried.Roster).State);
        Assert.Equal([setup.ClassId], await setup.ClassesOfAsync(cluster, studentId));
    }

    [Fact]
    public async Task An_assignment_interrupted_between_copies_converges_when_retried()
    {
        var setup = await ClassSetup.CreateAsync(cluster, students: 3);
        var (first, second, third) = (setup.StudentIds[0], setup.StudentIds[1], setup.StudentIds[2]);
        cluster.Storage.FailNextWrites(setup.CopyFor(cluster, "hw1", second).GetGrainId());

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => setup.Class.AssignDocument(setup.Teacher, "hw1", setup.Worksheet()));
        StorageErrors.AssertTransientStorageFailure(failure);

        // The assignment and two of the three copies are durable; the second student's copy is missing.
        var recorded = Assert.Single((await setup.Class.GetDetails(setup.Teacher)).Assignments);
        Assert.Equal(new[] { first, third }.Order(StringComparer.Ordinal), recorded.Work.Select(w => w.StudentId).Order(StringComparer.Ordinal));
        await Assert.ThrowsAsync<NotFoundException>(() => setup.CopyFor(cluster, "hw1", second).GetInfo(setup.Student(1)));
        var firstCopy = setup.CopyFor(cluster, "hw1", first);
        await firstCopy.AddAnnotation(setup.Student(0), Documents.DocumentFactory.Comment("c1", "started already"));
        var firstCopyWrites = cluster.WritesOf(firstCopy);

        var retried = await setup.Class.AssignDocument(setup.Teacher, "hw1", setup.Worksheet());

        Assert.Equal(setup.StudentIds.Order(StringComparer.Ordinal), retried.Work.Select(w => w.StudentId).Order(StringComparer.Ordinal));
        Assert.Equal(second, (await setup.CopyFor(cluster, "hw1", second).GetInfo(setup.Student(1))).OwnerId);
        // The copy made before the failure was found, not made again: untouched, with the student's work in it.
        Assert.Equal(firstCopyWrites, cluster.WritesOf(firstCopy));
        Assert.Single((await firstCopy.GetAnnotations(setup.Student(0))).Annotations);
        Assert.Single((await setup.Class.GetDetails(setup.Teacher)).Assignments);
    }

    [Fact]
    public async Task Unfinished_work_is_finished_by_the_next_activation_without_a_retry()
    {
        var setup = await ClassSetup.CreateAsync(cluster, students: 1);
        var joiner = (await setup.School.StudentAsync(cluster, TestIds.New("joiner"))).UserId;
        cluster.Storage.FailNextWrites(setup.StudentGrain(cluster, joiner).GetGrainId());
        await Assert.ThrowsAnyAsync<Exception>(() => setup.Class.Enroll(setup.School.Admin, joiner));
        cluster.Storage.FailNextWrites(setup.CopyFor(cluster, "hw1", setup.StudentIds[0]).GetGrainId());
        await Assert.ThrowsAnyAsync<Exception>(() => setup.Class.AssignDocument(setup.Teacher, "hw1", setup.Worksheet()));
        await cluster.DeactivateAsync(setup.Class);

        // Any call activates the class, which finishes what it had recorded.
        _ = await setup.Class.GetDetails(setup.Teacher);

        await Eventually.HoldsAsync(
            async () =>
            {
                var details = await setup.Class.GetDetails(setup.Teacher);
                return details.Roster.All(e => e.State == RosterState.Active) && details.Assignments.Single().Work.Count == 2;
            },
            "the class has finished the enrollment and made both copies");
        Assert.Equal([setup.ClassId], await setup.ClassesOfAsync(cluster, joiner));
        Assert.Equal(joiner, (await setup.CopyFor(cluster, "hw1", joiner).GetInfo(Caller.Student(setup.School.Id, joiner))).OwnerId);
    }

    [Fact]
    public async Task A_removal_interrupted_before_the_students_side_converges_when_retried()
    {
        var setup = await ClassSetup.CreateAsync(cluster, students: 1);
        var studentId = setup.StudentIds[0];
        cluster.Storage.FailNextWrites(setup.StudentGrain(cluster, studentId).GetGrainId());

        await Assert.ThrowsAnyAsync<Exception>(() => setup.Class.Remove(setup.Teacher, studentId));
        Assert.Equal(RosterState.Leaving, Assert.Single((await setup.Class.GetDetails(setup.Teacher)).Roster).State);
        Assert.Equal([setup.ClassId], await setup.ClassesOfAsync(cluster, studentId));

        var retried = await setup.Class.Remove(setup.Teacher, studentId);

        Assert.Empty(retried.Roster);
        Assert.Empty(await setup.ClassesOfAsync(cluster, studentId));
    }
}
