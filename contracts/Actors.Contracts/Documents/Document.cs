namespace Actors.Contracts.Documents;

/// <summary>What creating a document asks for. The content itself (a PDF, say) lives elsewhere; the grain keeps a reference.</summary>
/// <param name="Title">Shown in lists.</param>
/// <param name="PageCount">1 to <see cref="DomainLimits.PagesPerDocument"/>.</param>
/// <param name="ContentRef">Where the content is stored (an object-store key or URL).</param>
[GenerateSerializer, Immutable, Alias("Actors.DocumentDraft")]
public sealed record DocumentDraft(
    [property: Id(0)] string Title,
    [property: Id(1)] int PageCount,
    [property: Id(2)] string ContentRef);

/// <summary>Where a student's copy of an assigned document came from.</summary>
[GenerateSerializer, Immutable, Alias("Actors.DocumentOrigin")]
public sealed record DocumentOrigin
{
    [Id(0)]
    public string OriginalDocumentId { get; init; } = "";

    [Id(1)]
    public string ClassId { get; init; } = "";

    [Id(2)]
    public string AssignmentId { get; init; } = "";
}

/// <summary>A document's metadata and sharing.</summary>
[GenerateSerializer, Immutable, Alias("Actors.DocumentInfo")]
public sealed record DocumentInfo(
    [property: Id(0)] string DocumentId,
    [property: Id(1)] string Title,
    [property: Id(2)] string OwnerId,
    [property: Id(3)] int PageCount,
    [property: Id(4)] string ContentRef,
    [property: Id(5)] DateTimeOffset CreatedAt,
    [property: Id(6)] IReadOnlyList<string> ReaderIds,
    [property: Id(7)] IReadOnlyList<string> ClassIds,
    [property: Id(8)] DocumentOrigin? Origin,
    [property: Id(9)] int AnnotationCount,
    [property: Id(10)] long Sequence);
