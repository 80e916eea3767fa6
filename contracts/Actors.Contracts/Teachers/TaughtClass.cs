namespace Actors.Contracts.Teachers;

/// <summary>A class as its teacher's list shows it: what it was created with (counts and rosters are the class's own).</summary>
[GenerateSerializer, Immutable, Alias("Actors.TaughtClass")]
public sealed record TaughtClass([property: Id(0)] string ClassId, [property: Id(1)] string Title, [property: Id(2)] DateTimeOffset CreatedAt);

/// <summary>One page of a teacher's classes, in class-id order.</summary>
/// <param name="Classes">The classes after the requested cursor.</param>
/// <param name="HasMore">True when classes follow the last one returned.</param>
[GenerateSerializer, Immutable, Alias("Actors.TaughtClassPage")]
public sealed record TaughtClassPage([property: Id(0)] IReadOnlyList<TaughtClass> Classes, [property: Id(1)] bool HasMore);
