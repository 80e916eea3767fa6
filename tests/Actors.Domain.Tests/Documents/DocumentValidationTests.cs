using Actors.Contracts;
using Actors.Contracts.Documents;
using Actors.Contracts.Errors;
using Actors.Domain.Tests.Infrastructure;
using Actors.Testing.Callers;

namespace Actors.Domain.Tests.Documents;

/// <summary>Invalid documents and annotations are refused with what was wrong, and nothing is written.</summary>
[Collection(DomainCollection.Name)]
public sealed class DocumentValidationTests(DomainCluster cluster)
{
    public static TheoryData<string, AnnotationDraft, string> InvalidDrafts => new()
    {
        { "page 0", DocumentFactory.Comment("x", page: 0), "draft.page" },
        { "page past the end", DocumentFactory.Comment("x", page: 4), "draft.page" },
        { "blank id", DocumentFactory.Comment(""), "draft.annotationId" },
        { "id with a separator", DocumentFactory.Comment("a~b"), "draft.annotationId" },
        { "NUL in a comment", DocumentFactory.Comment("x", "bad\0text"), "draft.body.text" },
        { "empty comment", DocumentFactory.Comment("x", "  "), "draft.body.text" },
        { "comment too long", DocumentFactory.Comment("x", new string('a', DomainLimits.CommentLength + 1)), "draft.body.text" },
        { "anchor off the page", new AnnotationDraft("x", 1, new CommentBody { Anchor = new PagePoint(1.5, 0), Text = "t" }), "draft.body.anchor.x" },
        { "NaN position", new AnnotationDraft("x", 1, new CommentBody { Anchor = new PagePoint(double.NaN, 0), Text = "t" }), "draft.body.anchor.x" },
        { "highlight without rectangles", new AnnotationDraft("x", 1, new HighlightBody { Rects = [] }), "draft.body.rects" },
        { "rectangle past the edge", new AnnotationDraft("x", 1, new HighlightBody { Rects = [new PageRect(0.8, 0, 0.5, 0.1)] }), "draft.body.rects[0]" },
        { "colour not #RRGGBB", new AnnotationDraft("x", 1, new HighlightBody { Rects = [new PageRect(0, 0, 0.1, 0.1)], Color = "yellow" }), "draft.body.color" },
        { "ink with one point", new AnnotationDraft("x", 1, new InkBody { Points = [new PagePoint(0, 0)] }), "draft.body.points" },
        { "ink with an infinite point", new AnnotationDraft("x", 1, new InkBody { Points = [new PagePoint(0, 0), new PagePoint(double.PositiveInfinity, 0)] }), "draft.body.points[1].x" },
        { "ink too wide", new AnnotationDraft("x", 1, new InkBody { Points = [new PagePoint(0, 0), new PagePoint(1, 1)], Width = 0.5 }), "draft.body.width" },
        { "no body", new AnnotationDraft("x", 1, null!), "draft.body" },
    };

    [Theory]
    [MemberData(nameof(InvalidDrafts))]
    public async Task An_invalid_annotation_is_refused_and_nothing_is_written(string why, AnnotationDraft draft, string field)
    {
        var (document, owner) = await DocumentFactory.CreateAsync(cluster, pageCount: 3);
        var writes = cluster.WritesOf(document);

        var error = await Assert.ThrowsAsync<ValidationException>(() => document.AddAnnotation(owner, draft));

        Assert.True(error.Violations.Any(v => v.Field == field), $"{why}: expected a problem with {field}; got: {error.Message}");
        Assert.Equal(writes, cluster.WritesOf(document));
        Assert.Empty((await document.GetAnnotations(owner)).Annotations);
    }

    [Fact]
    public async Task Line_breaks_and_tabs_are_allowed_in_comments()
    {
        var (document, owner) = await DocumentFactory.CreateAsync(cluster);
        var added = await document.AddAnnotation(owner, DocumentFactory.Comment("ml", "line one\nline two\r\n\tindented"));
        await cluster.DeactivateAsync(document);
        Assert.Equal(((CommentBody)added.Body).Text, ((CommentBody)(await document.GetAnnotations(owner)).Annotations.Single().Body).Text);
    }

    [Fact]
    public async Task An_edit_keeps_the_kind_of_annotation()
    {
        var (document, owner) = await DocumentFactory.CreateAsync(cluster);
        await document.AddAnnotation(owner, DocumentFactory.Highlight("h"));
        var writes = cluster.WritesOf(document);

        var error = await Assert.ThrowsAsync<ValidationException>(() => document.EditAnnotation(owner, "h", new CommentBody { Anchor = new PagePoint(0, 0), Text = "now a comment" }));

        Assert.Equal("body", Assert.Single(error.Violations).Field);
        Assert.Equal(writes, cluster.WritesOf(document));
    }

    [Fact]
    public async Task An_invalid_document_lists_every_problem()
    {
        var owner = Caller.Student(TestSchool.Main.Id, TestIds.New("student"));
        var document = TestSchool.Main.Grain<IDocumentGrain>(cluster, TestIds.New("doc"));

        var error = await Assert.ThrowsAsync<ValidationException>(() => document.Create(owner, new DocumentDraft("Title\u0007", 0, "")));

        Assert.Equal(["draft.title", "draft.pageCount", "draft.contentRef"], error.Violations.Select(v => v.Field));
        Assert.Equal(0, cluster.WritesOf(document));
        await Assert.ThrowsAsync<NotFoundException>(() => document.GetInfo(owner));
    }

    [Fact]
    public async Task A_malformed_caller_never_reaches_the_grain()
    {
        // The silo takes the caller from the token, never from the argument: without one that vouches for a caller, or
        // with one whose claims break the id rule or name no role, the call is refused before the grain runs.
        var (document, _) = await DocumentFactory.CreateAsync(cluster);
        await Assert.ThrowsAsync<UnauthenticatedException>(() => document.GetInfo(null!));
        foreach (var (user, role) in new[] { (" ", "school_admin"), ("u1\n", "school_admin"), ("u1", "admin"), ("u1", "7") })
        {
            var token = TestCallerIdentity.UserKey.Mint(TestSchool.Main.Id, user, role);
            await Assert.ThrowsAsync<UnauthenticatedException>(() => RawClusterClient.CallAsync(token, () => document.GetInfo(Caller.SchoolAdmin(TestSchool.Main.Id, "u1"))));
        }
    }
}
