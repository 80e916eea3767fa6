using Actors.Contracts;
using Actors.Contracts.Documents;
using Actors.Contracts.Errors;
using Actors.Domain.Tests.Infrastructure;

namespace Actors.Domain.Tests.Documents;

/// <summary>Documents: metadata, sharing, who may annotate, edit and delete, and idempotent adds.</summary>
[Collection(DomainCollection.Name)]
public sealed class DocumentGrainTests(DomainCluster cluster)
{
    [Fact]
    public async Task Creating_is_idempotent_for_the_same_draft_and_a_conflict_otherwise()
    {
        var school = TestSchool.Main;
        var owner = Caller.Teacher(school.Id, TestIds.New("teacher"));
        var document = school.Grain<IDocumentGrain>(cluster, TestIds.New("doc"));
        var draft = new DocumentDraft("Poem analysis", 4, "s3://content/poem.pdf");

        await Assert.ThrowsAsync<NotFoundException>(() => document.GetInfo(owner));
        var created = await document.Create(owner, draft);
        var writes = cluster.WritesOf(document);
        var again = await document.Create(owner, draft);

        Assert.Equal(created, again, DocumentInfoComparer.Instance);
        Assert.Equal(writes, cluster.WritesOf(document));
        await Assert.ThrowsAsync<ConflictException>(() => document.Create(owner, draft with { PageCount = 5 }));

        // A taken id says nothing about the document that has it (no title, no owner); and the owner is the user
        // in their role: a student who happens to share the owner's id is someone else.
        var taken = await Assert.ThrowsAsync<ConflictException>(() => document.Create(Caller.Teacher(school.Id, TestIds.New("other")), draft));
        Assert.DoesNotContain("Poem", taken.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(owner.UserId, taken.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ConflictException>(() => document.Create(Caller.Student(school.Id, owner.UserId), draft));
        Assert.Equal((owner.UserId, 4, "s3://content/poem.pdf"), (created.OwnerId, created.PageCount, created.ContentRef));
    }

    [Fact]
    public async Task Readers_annotate_authors_and_the_owner_edit_and_delete()
    {
        var (document, owner) = await DocumentFactory.CreateAsync(cluster);
        var reader = Caller.Student(TestSchool.Main.Id, TestIds.New("reader"));
        var other = Caller.Student(TestSchool.Main.Id, TestIds.New("other"));

        await Assert.ThrowsAsync<AccessDeniedException>(() => document.AddAnnotation(reader, DocumentFactory.Comment("r1")));
        await document.ShareWithReader(owner, reader.UserId);
        await document.ShareWithReader(owner, other.UserId);
        await Assert.ThrowsAsync<AccessDeniedException>(() => document.ShareWithReader(reader, TestIds.New("friend")));

        var mine = await document.AddAnnotation(reader, DocumentFactory.Comment("r1", "first thought"));
        var owners = await document.AddAnnotation(owner, DocumentFactory.Highlight("o1"));
        Assert.Equal(reader.UserId, mine.AuthorId);

        var edited = await document.EditAnnotation(reader, "r1", new CommentBody { Anchor = new PagePoint(0.5, 0.5), Text = "second thought" }, page: 2);
        Assert.Equal((2, "second thought", mine.AddedAtSequence), (edited.Page, ((CommentBody)edited.Body).Text, edited.AddedAtSequence));
        Assert.True(edited.ChangedAtSequence > owners.AddedAtSequence);
        await Assert.ThrowsAsync<AccessDeniedException>(() => document.EditAnnotation(other, "r1", new CommentBody { Anchor = new PagePoint(0, 0), Text = "hijack" }));
        await Assert.ThrowsAsync<AccessDeniedException>(() => document.DeleteAnnotation(reader, "o1"));
        await Assert.ThrowsAsync<NotFoundException>(() => document.DeleteAnnotation(owner, "missing"));

        await document.DeleteAnnotation(owner, "r1"); // the owner may delete anyone's
        await document.DeleteAnnotation(owner, "r1"); // and again: a no-op

        await document.RevokeReader(owner, reader.UserId);
        await Assert.ThrowsAsync<AccessDeniedException>(() => document.GetAnnotations(reader));

        await cluster.DeactivateAsync(document);
        var stored = await document.GetAnnotations(owner);
        Assert.Equal(["o1"], stored.Annotations.Select(a => a.Id));
        Assert.Equal(4, stored.Sequence); // two adds, an edit, a delete — and nothing for the repeated delete
    }

    [Fact]
    public async Task The_same_annotation_id_is_applied_once()
    {
        var (document, owner) = await DocumentFactory.CreateAsync(cluster);
        var first = await document.AddAnnotation(owner, DocumentFactory.Ink("same"));
        var writes = cluster.WritesOf(document);

        var retried = await document.AddAnnotation(owner, DocumentFactory.Ink("same"));
        var concurrent = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => document.AddAnnotation(owner, DocumentFactory.Ink("twice"))));

        Assert.Equal(first.AddedAtSequence, retried.AddedAtSequence);
        Assert.Single(concurrent.Select(a => a.AddedAtSequence).Distinct());
        Assert.True(cluster.WritesOf(document) - writes <= 1, "the retried add must not write; the concurrent ones share at most one write");

        var someoneElse = Caller.Student(TestSchool.Main.Id, TestIds.New("student"));
        await document.ShareWithReader(owner, someoneElse.UserId);
        await Assert.ThrowsAsync<ConflictException>(() => document.AddAnnotation(someoneElse, DocumentFactory.Ink("same")));

        await document.DeleteAnnotation(owner, "same");
        await Assert.ThrowsAsync<ConflictException>(() => document.AddAnnotation(owner, DocumentFactory.Ink("same")));

        await cluster.DeactivateAsync(document);
        var stored = await document.GetAnnotations(owner);
        Assert.Equal(["twice"], stored.Annotations.Select(a => a.Id));
    }

    [Fact]
    public async Task Members_and_the_teacher_of_a_class_it_is_shared_with_may_read()
    {
        var (document, owner) = await DocumentFactory.CreateAsync(cluster);
        var setup = await Classes.ClassSetup.CreateAsync(cluster, students: 1);
        var member = setup.Student(0);
        var invited = await setup.School.StudentAsync(cluster);
        await setup.Class.Enroll(setup.Teacher, invited.UserId);
        var outsider = await setup.School.StudentAsync(cluster);

        await Assert.ThrowsAsync<AccessDeniedException>(() => document.GetInfo(member));
        await Assert.ThrowsAsync<NotFoundException>(() => document.ShareWithClass(owner, TestIds.New("no-such-class")));
        var info = await document.ShareWithClass(owner, setup.ClassId);
        Assert.Equal([setup.ClassId], info.ClassIds);

        await document.AddAnnotation(member, DocumentFactory.Comment("m1"));
        Assert.Single((await document.GetAnnotations(setup.Teacher)).Annotations);
        await Assert.ThrowsAsync<AccessDeniedException>(() => document.GetInfo(outsider));
        await Assert.ThrowsAsync<AccessDeniedException>(() => document.GetInfo(invited)); // an invitation opens nothing

        await document.UnshareClass(owner, setup.ClassId);
        await Assert.ThrowsAsync<AccessDeniedException>(() => document.GetInfo(member));
    }

    [Fact]
    public async Task Copies_are_made_only_by_teachers_and_only_under_their_derived_id()
    {
        var (original, owner) = await DocumentFactory.CreateAsync(cluster);
        var info = await original.GetInfo(owner);
        var origin = new DocumentOrigin { OriginalDocumentId = info.DocumentId, ClassId = "c1", AssignmentId = "a1" };
        var source = new Actors.Contracts.Classes.CopySource { Title = info.Title, PageCount = info.PageCount, ContentRef = info.ContentRef };
        var spec = new Actors.Contracts.Internal.DocumentCopySpec(origin, "s1", owner.UserId, source);

        var wrongId = TestSchool.Main.Grain<Actors.Contracts.Internal.IDocumentCopyTarget>(cluster, TestIds.New("doc"));
        var error = await Assert.ThrowsAsync<ValidationException>(() => wrongId.InitializeCopy(owner, spec));
        Assert.Equal("spec", Assert.Single(error.Violations).Field);

        var copy = TestSchool.Main.Grain<Actors.Contracts.Internal.IDocumentCopyTarget>(cluster, DocumentCopyId.For("c1", "a1", "s1"));
        await Assert.ThrowsAsync<AccessDeniedException>(() => copy.InitializeCopy(Caller.Student(TestSchool.Main.Id, "s1"), spec));
        var made = await copy.InitializeCopy(owner, spec);
        Assert.Equal(("s1", origin), (made.OwnerId, made.Origin));
        Assert.Equal([owner.UserId], made.ReaderIds);
        Assert.Equal(made, await copy.InitializeCopy(owner, spec), DocumentInfoComparer.Instance);
    }
}
