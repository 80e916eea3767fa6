using System.Text.Json.Serialization;

namespace Actors.Contracts.Students;

/// <summary>Where a goal is in its life: active goals make progress; completed ones go on the resume. Stored by name.</summary>
[GenerateSerializer, Alias("Actors.GoalStatus")]
[JsonConverter(typeof(JsonStringEnumConverter<GoalStatus>))]
public enum GoalStatus
{
    /// <summary>Being worked on.</summary>
    Active = 0,

    /// <summary>Reached.</summary>
    Completed = 1,

    /// <summary>Put aside; kept for the record but off the resume.</summary>
    Archived = 2,
}

/// <summary>What a student asks for when setting a goal.</summary>
[GenerateSerializer, Immutable, Alias("Actors.GoalDraft")]
public sealed record GoalDraft(
    [property: Id(0)] string Title,
    [property: Id(1)] string? Description = null,
    [property: Id(2)] DateOnly? TargetDate = null);

/// <summary>A goal a student set.</summary>
[GenerateSerializer, Immutable, Alias("Actors.Goal")]
public sealed record Goal
{
    /// <summary>Client-generated id: a retried create with the same id does not make a second goal.</summary>
    [Id(0)]
    public string Id { get; init; } = "";

    [Id(1)]
    public string Title { get; init; } = "";

    [Id(2)]
    public string? Description { get; init; }

    [Id(3)]
    public DateOnly? TargetDate { get; init; }

    [Id(4)]
    public GoalStatus Status { get; init; }

    /// <summary>0 to 100; 100 once completed.</summary>
    [Id(5)]
    public int ProgressPercent { get; init; }

    [Id(6)]
    public DateTimeOffset CreatedAt { get; init; }

    [Id(7)]
    public DateTimeOffset? CompletedAt { get; init; }

    [Id(8)]
    public DateTimeOffset? ArchivedAt { get; init; }
}
