using System.Text.Json.Serialization;

namespace Actors.Contracts.Students;

/// <summary>Where an activity commitment is: hours are logged while committed; completed ones go on the resume.</summary>
[GenerateSerializer, Alias("Actors.ActivityStatus")]
[JsonConverter(typeof(JsonStringEnumConverter<ActivityStatus>))]
public enum ActivityStatus
{
    /// <summary>The student is doing it.</summary>
    Committed = 0,

    /// <summary>Done.</summary>
    Completed = 1,
}

/// <summary>What a student commits to.</summary>
[GenerateSerializer, Immutable, Alias("Actors.ActivityDraft")]
public sealed record ActivityDraft(
    [property: Id(0)] string Title,
    [property: Id(1)] string? Category = null,
    [property: Id(2)] string? Description = null);

/// <summary>Hours spent on an activity on one day. <see cref="EntryId"/> is client-generated, so a retried log counts once.</summary>
[GenerateSerializer, Immutable, Alias("Actors.HoursEntry")]
public sealed record HoursEntry
{
    [Id(0)]
    public string EntryId { get; init; } = "";

    /// <summary>More than 0, at most <see cref="DomainLimits.MaxHoursPerEntry"/>, in steps of 0.01.</summary>
    [Id(1)]
    public decimal Hours { get; init; }

    [Id(2)]
    public DateOnly On { get; init; }
}

/// <summary>An activity a student committed to, with the hours logged on it.</summary>
[GenerateSerializer, Immutable, Alias("Actors.Activity")]
public sealed record Activity
{
    /// <summary>Client-generated id.</summary>
    [Id(0)]
    public string Id { get; init; } = "";

    [Id(1)]
    public string Title { get; init; } = "";

    [Id(2)]
    public string? Category { get; init; }

    [Id(3)]
    public string? Description { get; init; }

    [Id(4)]
    public ActivityStatus Status { get; init; }

    [Id(5)]
    public IReadOnlyList<HoursEntry> Entries { get; init; } = [];

    [Id(6)]
    public DateTimeOffset CommittedAt { get; init; }

    [Id(7)]
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>The sum of <see cref="Entries"/> (derived, so not stored).</summary>
    [JsonIgnore]
    public decimal TotalHours => Entries.Sum(e => e.Hours);
}
