namespace Actors.Grains.Students;

/// <summary>
/// A written page view remembered by its request id (the key in <see cref="StudentState.PageViewRequestIds"/>), so a
/// retry is not counted again. <see cref="Order"/> keeps the oldest-first order the list had, by which the oldest
/// are let go.
/// </summary>
[GenerateSerializer, Immutable, Alias("Actors.PageViewRequest")]
public sealed record PageViewRequest([property: Id(0)] long Order);
