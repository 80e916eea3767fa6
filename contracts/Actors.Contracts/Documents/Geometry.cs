using System.Text.Json.Serialization;

namespace Actors.Contracts.Documents;

/// <summary>A point on a page, in fractions of the page's width and height (0 to 1), so it survives zoom and rendering.</summary>
[GenerateSerializer, Immutable, Alias("Actors.PagePoint")]
[JsonConverter(typeof(PagePointJsonConverter))]
public sealed record PagePoint([property: Id(0)] double X, [property: Id(1)] double Y);

/// <summary>A rectangle on a page, in fractions of the page's width and height.</summary>
[GenerateSerializer, Immutable, Alias("Actors.PageRect")]
public sealed record PageRect(
    [property: Id(0)] double X,
    [property: Id(1)] double Y,
    [property: Id(2)] double Width,
    [property: Id(3)] double Height);
