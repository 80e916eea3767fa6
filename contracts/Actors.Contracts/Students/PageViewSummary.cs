namespace Actors.Contracts.Students;

/// <summary>A student's page views: flushed counts plus those still buffered in memory.</summary>
[GenerateSerializer, Immutable, Alias("Actors.PageViewSummary")]
public sealed record PageViewSummary(
    [property: Id(0)] long Total,
    [property: Id(1)] IReadOnlyDictionary<string, long> ByPage);
