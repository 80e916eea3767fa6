using Actors.Contracts;
using Actors.Contracts.Documents;
using Actors.Domain.Tests.Infrastructure;

namespace Actors.Domain.Tests.Documents;

/// <summary>Documents and annotations for tests.</summary>
internal static class DocumentFactory
{
    /// <summary>A document of <paramref name="school"/> (default <see cref="TestSchool.Main"/>) owned by a fresh teacher.</summary>
    public static async Task<(IDocumentGrain Document, Caller Owner)> CreateAsync(DomainCluster cluster, int pageCount = 3, TestSchool? school = null)
    {
        school ??= TestSchool.Main;
        var owner = Caller.Teacher(school.Id, TestIds.New("teacher"));
        var id = TestIds.New("doc");
        var document = school.Grain<IDocumentGrain>(cluster, id);
        await document.Create(owner, new DocumentDraft("Worksheet: fractions", pageCount, $"s3://content/{id}.pdf"));
        return (document, owner);
    }

    public static AnnotationDraft Comment(string id, string text = "Nice work", int page = 1)
        => new(id, page, new CommentBody { Anchor = new PagePoint(0.25, 0.5), Text = text });

    public static AnnotationDraft Highlight(string id, int page = 1)
        => new(id, page, new HighlightBody { Rects = [new PageRect(0.1, 0.2, 0.5, 0.03)], Color = "#FFEB3B" });

    public static AnnotationDraft Ink(string id, int page = 1)
        => new(id, page, new InkBody { Points = [new PagePoint(0.1, 0.1), new PagePoint(0.2, 0.15), new PagePoint(0.3, 0.12)], Color = "#1E88E5", Width = 0.003 });
}
