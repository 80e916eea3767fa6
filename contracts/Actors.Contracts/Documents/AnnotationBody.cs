using System.Text.Json.Serialization;

namespace Actors.Contracts.Documents;

/// <summary>The kinds of annotation.</summary>
[GenerateSerializer, Alias("Actors.AnnotationKind")]
public enum AnnotationKind
{
    /// <summary>Marked text: one or more rectangles and a colour.</summary>
    Highlight = 0,

    /// <summary>A freehand stroke.</summary>
    Ink = 1,

    /// <summary>A note pinned to a point.</summary>
    Comment = 2,
}

/// <summary>
/// What an annotation draws. Stored as JSON with a stable <c>kind</c> discriminator (never a .NET type name), and
/// sent between silos with Orleans' own polymorphism (the <c>Alias</c> of each kind).
/// </summary>
[GenerateSerializer, Alias("Actors.AnnotationBody")]
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(HighlightBody), "highlight")]
[JsonDerivedType(typeof(InkBody), "ink")]
[JsonDerivedType(typeof(CommentBody), "comment")]
public abstract record AnnotationBody
{
    /// <summary>Which kind this is (not a stored property: the <c>kind</c> discriminator already says it in JSON).</summary>
    [JsonIgnore]
    public AnnotationKind Kind => this switch
    {
        HighlightBody => AnnotationKind.Highlight,
        InkBody => AnnotationKind.Ink,
        _ => AnnotationKind.Comment,
    };
}

/// <summary>A highlight over one or more rectangles (a selection spanning lines).</summary>
[GenerateSerializer, Immutable, Alias("Actors.HighlightBody")]
public sealed record HighlightBody : AnnotationBody
{
    [Id(0)]
    public IReadOnlyList<PageRect> Rects { get; init; } = [];

    /// <summary><c>#RRGGBB</c>.</summary>
    [Id(1)]
    public string Color { get; init; } = "#FFEB3B";
}

/// <summary>A freehand ink stroke.</summary>
[GenerateSerializer, Immutable, Alias("Actors.InkBody")]
public sealed record InkBody : AnnotationBody
{
    /// <summary>At least two points, at most <see cref="DomainLimits.InkPoints"/>.</summary>
    [Id(0)]
    public IReadOnlyList<PagePoint> Points { get; init; } = [];

    /// <summary><c>#RRGGBB</c>.</summary>
    [Id(1)]
    public string Color { get; init; } = "#000000";

    /// <summary>Stroke width as a fraction of the page width, above 0, at most <see cref="DomainLimits.MaxInkWidth"/>.</summary>
    [Id(2)]
    public double Width { get; init; } = 0.002;
}

/// <summary>A comment pinned to a point on the page.</summary>
[GenerateSerializer, Immutable, Alias("Actors.CommentBody")]
public sealed record CommentBody : AnnotationBody
{
    [Id(0)]
    public PagePoint Anchor { get; init; } = new(0, 0);

    /// <summary>Long text: line breaks and tabs allowed.</summary>
    [Id(1)]
    public string Text { get; init; } = "";
}
