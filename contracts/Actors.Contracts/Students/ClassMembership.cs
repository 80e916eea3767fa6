namespace Actors.Contracts.Students;

/// <summary>A class a student belongs to, as the student's own list keeps it (the class's roster is the source of truth).</summary>
[GenerateSerializer, Immutable, Alias("Actors.ClassMembership")]
public sealed record ClassMembership
{
    [Id(0)]
    public string ClassId { get; init; } = "";

    [Id(1)]
    public string Title { get; init; } = "";

    /// <summary>The class's teacher: who may read the reflections shared with this class.</summary>
    [Id(2)]
    public string TeacherId { get; init; } = "";

    [Id(3)]
    public DateTimeOffset JoinedAt { get; init; }
}
