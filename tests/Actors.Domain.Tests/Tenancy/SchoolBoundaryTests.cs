using Actors.Contracts;
using Actors.Contracts.Classes;
using Actors.Contracts.Documents;
using Actors.Contracts.Errors;
using Actors.Contracts.Students;
using Actors.Domain.Tests.Classes;
using Actors.Domain.Tests.Documents;
using Actors.Domain.Tests.Infrastructure;

namespace Actors.Domain.Tests.Tenancy;

/// <summary>
/// The grains keep schools apart on their own, whoever calls them: a caller of another school — even one calling a
/// grain of this school by its full key, which the gateway never lets happen — is answered exactly as for an id that
/// does not exist; an operator sees nothing; a grain whose key names no school answers no one.
/// </summary>
[Collection(DomainCollection.Name)]
public sealed class SchoolBoundaryTests(DomainCluster cluster)
{
    [Fact]
    public async Task A_caller_of_another_school_is_answered_as_for_a_missing_id()
    {
        var setup = await ClassSetup.CreateAsync(cluster, students: 1);
        var (school, studentId) = (setup.School, setup.StudentIds[0]);
        var other = TestSchool.New();
        var ghost = TestIds.New("ghost");

        // Every role of the other school, even one with the same user id as a member here.
        foreach (var stranger in new[] { other.Admin, Caller.Teacher(other.Id, setup.Teacher.UserId), Caller.Student(other.Id, studentId) })
        {
            await SameAsMissing(() => setup.StudentGrain(cluster, studentId).GetProfile(stranger), () => school.Grain<IStudentGrain>(cluster, ghost).GetProfile(school.Admin), studentId, ghost);
            await SameAsMissing(() => setup.StudentGrain(cluster, studentId).CreateGoal(stranger, "g", new GoalDraft("Hijack")), () => school.Grain<IStudentGrain>(cluster, ghost).CreateGoal(school.Admin, "g", new GoalDraft("x")), studentId, ghost);
            await SameAsMissing(() => setup.Class.GetDetails(stranger), () => school.Grain<IClassGrain>(cluster, ghost).GetDetails(school.Admin), setup.ClassId, ghost);
            await SameAsMissing(() => setup.Class.Enroll(stranger, studentId), () => school.Grain<IClassGrain>(cluster, ghost).Enroll(school.Admin, studentId), setup.ClassId, ghost);
            await SameAsMissing(() => school.Grain<IDocumentGrain>(cluster, setup.WorksheetId).GetInfo(stranger), () => school.Grain<IDocumentGrain>(cluster, ghost).GetInfo(school.Admin), setup.WorksheetId, ghost);
            await SameAsMissing(() => school.Grain<IDocumentGrain>(cluster, setup.WorksheetId).ShareWithReader(stranger, "x"), () => school.Grain<IDocumentGrain>(cluster, ghost).ShareWithReader(school.Admin, "x"), setup.WorksheetId, ghost);
        }
    }

    [Fact]
    public async Task Operators_see_no_school_data()
    {
        var setup = await ClassSetup.CreateAsync(cluster, students: 1);
        var ops = Caller.Operator(setup.School.Id, "ops");

        await Assert.ThrowsAsync<AccessDeniedException>(() => setup.StudentGrain(cluster, setup.StudentIds[0]).GetProfile(ops));
        await Assert.ThrowsAsync<AccessDeniedException>(() => setup.Class.GetDetails(ops));
        await Assert.ThrowsAsync<AccessDeniedException>(() => setup.School.Grain<IDocumentGrain>(cluster, setup.WorksheetId).GetInfo(ops));
        await Assert.ThrowsAsync<AccessDeniedException>(() => setup.School.Grain<IDocumentGrain>(cluster, TestIds.New("doc")).Create(ops, new DocumentDraft("Ops notes", 1, "s3://x")));

        // Refused before anything about the grain is looked at: a missing id gets the same answer.
        await Assert.ThrowsAsync<AccessDeniedException>(() => setup.School.Grain<IStudentGrain>(cluster, TestIds.New("ghost")).GetProfile(ops));
    }

    [Fact]
    public async Task A_grain_whose_key_names_no_school_answers_no_one()
    {
        var (document, owner) = await DocumentFactory.CreateAsync(cluster);
        var id = document.GetPrimaryKeyString().Split('/')[1];

        // The same document id without its school is another grain, of no school.
        var bare = cluster.Grain<IDocumentGrain>(id);
        await Assert.ThrowsAsync<NotFoundException>(() => bare.GetInfo(owner));
        await Assert.ThrowsAsync<NotFoundException>(() => bare.Create(owner, new DocumentDraft("Squat", 1, "s3://x")));
        await Assert.ThrowsAsync<NotFoundException>(() => cluster.Grain<IStudentGrain>(owner.UserId).GetGoals(TestSchool.Main.Admin));
    }

    [Fact]
    public async Task An_annotation_is_its_authors_in_their_role()
    {
        var (document, owner) = await DocumentFactory.CreateAsync(cluster);
        var author = await TestSchool.Main.StudentAsync(cluster);
        await document.ShareWithReader(owner, author.UserId);
        await document.AddAnnotation(author, DocumentFactory.Comment("mine"));

        // A teacher who happens to have the student's user id reads the document (named readers are user ids) but is not the author.
        var namesake = Caller.Teacher(author.SchoolId, author.UserId);
        Assert.Single((await document.GetAnnotations(namesake)).Annotations);
        await Assert.ThrowsAsync<AccessDeniedException>(() => document.DeleteAnnotation(namesake, "mine"));
        await Assert.ThrowsAsync<ConflictException>(() => document.AddAnnotation(namesake, DocumentFactory.Comment("mine")));
        await document.DeleteAnnotation(author, "mine");
    }

    private static async Task SameAsMissing(Func<Task> call, Func<Task> missing, string id, string ghostId)
    {
        var refused = await Assert.ThrowsAsync<NotFoundException>(call);
        var baseline = await Assert.ThrowsAsync<NotFoundException>(missing);
        Assert.Equal(baseline.Message.Replace(ghostId, "{id}", StringComparison.Ordinal), refused.Message.Replace(id, "{id}", StringComparison.Ordinal));
    }
}
