using Actors.Contracts;
using Actors.Contracts.Classes;
using Actors.Contracts.Documents;
using Actors.Contracts.Students;
using Actors.Domain.Tests.Documents;
using Actors.Domain.Tests.Infrastructure;

namespace Actors.Domain.Tests.Schools;

/// <summary>
/// Export and erasure reach every document of the student through the student's index of documents, not only the
/// documents of the classes they are in now: a class handout they annotated before leaving the class, their copy of
/// that class's assignment, a document of their own, one shared with them by name.
/// </summary>
[Collection(DomainCollection.Name)]
public sealed class StudentDocumentIndexTests(DomainCluster cluster)
{
    [Fact]
    public async Task Export_holds_the_documents_of_a_class_left_of_their_own_and_shared_by_name()
    {
        var s = await ArrangeAsync();

        var export = await s.School.Roster(cluster).ExportStudentRecords(s.School.Admin, s.Student.UserId);

        // The class they left still holds their work on its assignment (no roster entry any more).
        var left = Assert.Single(export.Classes);
        Assert.Null(left.Enrollment);
        Assert.Equal([s.CopyId], left.Submissions.Select(w => w.CopyDocumentId));
        var documents = export.Documents.ToDictionary(d => d.Document.DocumentId);
        Assert.Equal(new[] { s.CopyId, s.HandoutId, s.NamedId, s.OwnId }.Order(StringComparer.Ordinal), documents.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["n-handout"], documents[s.HandoutId].Annotations.Select(a => a.Id));
        Assert.False(documents[s.HandoutId].OwnedByStudent);
        Assert.True(documents[s.CopyId].OwnedByStudent);
        Assert.Equal(["n-copy"], documents[s.CopyId].Annotations.Select(a => a.Id));
        Assert.True(documents[s.OwnId].OwnedByStudent);
        Assert.Equal(["n-own", "n-teacher-on-own"], documents[s.OwnId].Annotations.Select(a => a.Id));
        Assert.True(documents[s.NamedId].SharedWithStudent);
        Assert.Equal(["n-named"], documents[s.NamedId].Annotations.Select(a => a.Id));
    }

    [Fact]
    public async Task Erasure_removes_the_students_annotations_and_documents_everywhere_and_keeps_others_work()
    {
        var s = await ArrangeAsync();
        Assert.True(await StoredMentions.AnyAsync(cluster, s.Student.UserId), "the arrangement should leave the student in stored rows");

        await s.School.Roster(cluster).EraseStudent(s.School.Admin, s.Student.UserId);

        // Neither a state row nor an item row (a document's annotations and tombstones) mentions the student.
        Assert.False(await StoredMentions.AnyAsync(cluster, s.Student.UserId), $"a state or item row still mentions the erased student: {await StoredMentions.ListAsync(cluster, s.Student.UserId)}");
        Assert.Equal(true, await cluster.Database.ScalarAsync(
            "SELECT state->>'title' IS NULL FROM orleans_grain_state WHERE service_id = $1 AND grain_type = 'document' AND grain_key = $2", cluster.ServiceId, s.School.Key(s.OwnId)));

        // The others' work stays: the other student's annotation in the handout, the teacher's in the named document.
        var handout = await s.School.Grain<IDocumentGrain>(cluster, s.HandoutId).GetAnnotations(s.Teacher);
        Assert.Equal(["n-other"], handout.Annotations.Select(a => a.Id));
        var named = await s.School.Grain<IDocumentGrain>(cluster, s.NamedId).GetInfo(s.Teacher);
        Assert.DoesNotContain(s.Student.UserId, named.ReaderIds);
        Assert.Equal(["n-teacher"], (await s.School.Grain<IDocumentGrain>(cluster, s.NamedId).GetAnnotations(s.Teacher)).Annotations.Select(a => a.Id));
    }

    [Fact]
    public async Task A_user_id_that_is_no_students_gets_no_row_when_named_as_a_reader()
    {
        var school = TestSchool.New();
        var teacher = await school.TeacherAsync(cluster);
        var colleague = await school.TeacherAsync(cluster);
        var document = school.Grain<IDocumentGrain>(cluster, TestIds.New("doc"));
        await document.Create(teacher, new DocumentDraft("Plan", 1, "s3://docs/plan.pdf"));

        await document.ShareWithReader(teacher, colleague.UserId);
        await document.ShareWithReader(teacher, "nobody-at-all");

        Assert.Null(await cluster.StoredJsonAsync("student", school.Key(colleague.UserId), "student"));
        Assert.Null(await cluster.StoredJsonAsync("student", school.Key("nobody-at-all"), "student"));
    }

    private sealed record Scenario(TestSchool School, Caller Student, Caller Teacher, string HandoutId, string CopyId, string OwnId, string NamedId);

    /// <summary>
    /// A student who annotated a class handout and their copy of an assignment, then was removed from the class; who owns
    /// a document of their own (a teacher annotated it too); and who was shared a document by name and annotated it.
    /// </summary>
    private async Task<Scenario> ArrangeAsync()
    {
        var school = TestSchool.New();
        var student = await school.StudentAsync(cluster);
        var other = await school.StudentAsync(cluster);
        var teacher = await school.TeacherAsync(cluster);
        var (classId, handoutId, assignmentId, ownId, namedId) = (TestIds.New("class"), TestIds.New("handout"), TestIds.New("assignment"), TestIds.New("own"), TestIds.New("named"));
        var cls = school.Grain<IClassGrain>(cluster, classId);
        await cls.Create(school.Admin, new ClassDraft("History", teacher.UserId));
        await cls.Enroll(school.Admin, student.UserId);
        await cls.Enroll(school.Admin, other.UserId);
        var handout = school.Grain<IDocumentGrain>(cluster, handoutId);
        await handout.Create(teacher, new DocumentDraft("Treaty", 2, "s3://docs/treaty.pdf"));
        await handout.ShareWithClass(teacher, classId);
        await cls.AssignDocument(teacher, assignmentId, new AssignmentDraft(handoutId, DateTimeOffset.UtcNow.AddDays(7)));
        var copyId = DocumentCopyId.For(classId, assignmentId, student.UserId);
        await handout.AddAnnotation(student, DocumentFactory.Comment("n-handout", "Signed in 1840"));
        await handout.AddAnnotation(other, DocumentFactory.Comment("n-other", "At Waitangi"));
        await school.Grain<IDocumentGrain>(cluster, copyId).AddAnnotation(student, DocumentFactory.Ink("n-copy"));

        // The class no longer leads to the handout (nor the copy): the student was taken off it.
        await cls.Remove(school.Admin, student.UserId);
        Assert.DoesNotContain(await school.Grain<IStudentGrain>(cluster, student.UserId).GetClasses(student), c => c.ClassId == classId);

        var own = school.Grain<IDocumentGrain>(cluster, ownId);
        await own.Create(student, new DocumentDraft("My notes", 1, "s3://docs/mine.pdf"));
        await own.AddAnnotation(student, DocumentFactory.Highlight("n-own"));
        await own.ShareWithReader(student, teacher.UserId);
        await own.AddAnnotation(teacher, DocumentFactory.Comment("n-teacher-on-own", "Good notes"));

        var named = school.Grain<IDocumentGrain>(cluster, namedId);
        await named.Create(teacher, new DocumentDraft("Reading list", 1, "s3://docs/reading.pdf"));
        await named.ShareWithReader(teacher, student.UserId);
        await named.AddAnnotation(teacher, DocumentFactory.Comment("n-teacher", "Start here"));
        await named.AddAnnotation(student, DocumentFactory.Comment("n-named", "Thanks"));

        // A fresh activation of each document: what is linked must be durable, not remembered by an activation.
        foreach (var id in new[] { handoutId, copyId, ownId, namedId })
        {
            await cluster.DeactivateAsync(school.Grain<IDocumentGrain>(cluster, id));
        }

        await cluster.DeactivateAsync(school.Grain<IStudentGrain>(cluster, student.UserId));
        return new Scenario(school, student, teacher, handoutId, copyId, ownId, namedId);
    }
}
