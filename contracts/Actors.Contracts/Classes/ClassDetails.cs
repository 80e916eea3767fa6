namespace Actors.Contracts.Classes;

/// <summary>A class as its teacher (or a student of it) sees it. Students see only their own work.</summary>
[GenerateSerializer, Immutable, Alias("Actors.ClassDetails")]
public sealed record ClassDetails(
    [property: Id(0)] string ClassId,
    [property: Id(1)] string Title,
    [property: Id(2)] string TeacherId,
    [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] IReadOnlyList<RosterEntry> Roster,
    [property: Id(5)] IReadOnlyList<Assignment> Assignments);
