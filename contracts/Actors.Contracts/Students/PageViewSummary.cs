namespace Actors.Contracts.Students;

/// <summary>
/// A student's page views: the written counts plus those still buffered in memory. <see cref="Durable"/> views are
/// stored; <see cref="Pending"/> ones are counted but not written yet, and a crash of the silo holding the student
/// can lose them (at most the student grain's buffer: see docs/domain.md). <see cref="Total"/> is their sum.
/// </summary>
[GenerateSerializer, Immutable, Alias("Actors.PageViewSummary")]
public sealed record PageViewSummary(
    [property: Id(0)] long Total,
    [property: Id(1)] IReadOnlyDictionary<string, long> ByPage,
    [property: Id(2)] long Durable,
    [property: Id(3)] long Pending);
