namespace Actors.Grains.Students;

/// <summary>
/// The flushed views of one page (the page is its key in <see cref="StudentState.PageViews"/>). A class, not a bare
/// number, because each page is stored as an item row of its own and items are compared by reference: a flush makes
/// a new count for each page it changes and keeps the others.
/// </summary>
[GenerateSerializer, Immutable, Alias("Actors.PageViewCount")]
public sealed record PageViewCount([property: Id(0)] long Count);
