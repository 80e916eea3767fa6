using Actors.Contracts;
using Actors.Contracts.Classes;
using Actors.Contracts.Errors;
using Actors.Contracts.Teachers;
using Actors.Domain.Tests.Infrastructure;

namespace Actors.Domain.Tests.Teachers;

/// <summary>
/// A teacher's class list: every class created for them, recorded by the class itself once durable (also when the
/// creation was interrupted in between), read by the teacher and the school's administrators only.
/// </summary>
[Collection(DomainCollection.Name)]
public sealed class TeacherClassesTests(DomainCluster cluster)
{
    private static readonly TestSchool School = TestSchool.Main;

    [Fact]
    public async Task Classes_created_by_the_teacher_or_for_them_by_an_admin_are_listed_in_id_order_and_paged()
    {
        var teacher = await School.TeacherAsync(cluster);
        var ids = new[] { "c-" + TestIds.New("b"), "c-" + TestIds.New("a"), "c-" + TestIds.New("c") };
        await School.Grain<IClassGrain>(cluster, ids[0]).Create(teacher, new ClassDraft("Maths 9"));
        await School.Grain<IClassGrain>(cluster, ids[1]).Create(School.Admin, new ClassDraft("Science 9", teacher.UserId));
        await School.Grain<IClassGrain>(cluster, ids[2]).Create(teacher, new ClassDraft("History 9"));
        await School.Grain<IClassGrain>(cluster, ids[2]).Create(teacher, new ClassDraft("History 9")); // a retry lists it once
        var list = Teacher(teacher.UserId);

        var first = await list.ListClasses(teacher, null, 2);
        var second = await list.ListClasses(teacher, first.Classes[^1].ClassId, 2);
        var byAdmin = await list.ListClasses(School.Admin, null, 10);

        var sorted = ids.Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(sorted[..2], first.Classes.Select(c => c.ClassId));
        Assert.True(first.HasMore);
        Assert.Equal([sorted[2]], second.Classes.Select(c => c.ClassId));
        Assert.False(second.HasMore);
        Assert.Equal(sorted, byAdmin.Classes.Select(c => c.ClassId));
        Assert.Equal("Science 9", byAdmin.Classes.Single(c => c.ClassId == ids[1]).Title);
    }

    [Fact]
    public async Task Only_the_teacher_and_the_schools_admins_read_it_and_anyone_else_of_another_school_finds_nothing()
    {
        var teacher = await School.TeacherAsync(cluster);
        var colleague = await School.TeacherAsync(cluster);
        var student = await School.StudentAsync(cluster);
        var elsewhere = TestSchool.New();
        await School.Grain<IClassGrain>(cluster, TestIds.New("class")).Create(teacher, new ClassDraft("Maths 9"));
        var list = Teacher(teacher.UserId);

        await Assert.ThrowsAsync<AccessDeniedException>(() => list.ListClasses(colleague, null, 10));
        await Assert.ThrowsAsync<AccessDeniedException>(() => list.ListClasses(student, null, 10));
        await Assert.ThrowsAsync<AccessDeniedException>(() => list.ListClasses(Caller.Operator(School.Id, "ops"), null, 10));
        await Assert.ThrowsAsync<NotFoundException>(() => list.ListClasses(elsewhere.Admin, null, 10));
        await Assert.ThrowsAsync<NotFoundException>(() => Teacher(student.UserId).ListClasses(School.Admin, null, 10));
        await Assert.ThrowsAsync<NotFoundException>(() => Teacher(TestIds.New("nobody")).ListClasses(School.Admin, null, 10));
        Assert.Single((await list.ListClasses(teacher, null, 10)).Classes);
    }

    [Fact]
    public async Task A_creation_interrupted_before_the_teachers_list_is_listed_on_the_classs_next_activation()
    {
        var teacher = await School.TeacherAsync(cluster);
        var classId = TestIds.New("class");
        var course = School.Grain<IClassGrain>(cluster, classId);
        var list = Teacher(teacher.UserId);
        cluster.Storage.FailNextWrites(list.GetGrainId());

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => course.Create(teacher, new ClassDraft("Maths 9")));
        StorageErrors.AssertTransientStorageFailure(failure);

        // The class is durable, the teacher's list does not have it yet; then the silo "dies".
        Assert.Equal("Maths 9", (await course.GetDetails(teacher)).Title);
        Assert.Empty((await list.ListClasses(teacher, null, 10)).Classes);
        await cluster.DeactivateAsync(course);

        await course.GetDetails(teacher); // any call activates the class, which finishes what it recorded

        await Eventually.HoldsAsync(async () => (await list.ListClasses(teacher, null, 10)).Classes.Count == 1, "the class is in its teacher's list");
        Assert.Equal(classId, Assert.Single((await list.ListClasses(teacher, null, 10)).Classes).ClassId);
    }

    private ITeacherGrain Teacher(string teacherId) => School.Grain<ITeacherGrain>(cluster, teacherId);
}
