using System.Text.Json.Serialization;

namespace Actors.Contracts.Classes;

/// <summary>
/// Where a student is on a class's roster. <see cref="Joining"/> and <see cref="Leaving"/> are the recorded
/// intent of an enrollment or removal whose other half (the student's own class list, the student's copies of
/// the assignments) is still being carried out; the class finishes it on the next call or activation.
/// </summary>
[GenerateSerializer, Alias("Actors.RosterState")]
[JsonConverter(typeof(JsonStringEnumConverter<RosterState>))]
public enum RosterState
{
    /// <summary>Enrolled by the class; the student's side is not confirmed yet.</summary>
    Joining = 0,

    /// <summary>Enrolled on both sides.</summary>
    Active = 1,

    /// <summary>Being removed; the student's side is not confirmed yet.</summary>
    Leaving = 2,
}

/// <summary>A student on a class's roster.</summary>
[GenerateSerializer, Immutable, Alias("Actors.RosterEntry")]
public sealed record RosterEntry
{
    [Id(0)]
    public string StudentId { get; init; } = "";

    [Id(1)]
    public RosterState State { get; init; }

    /// <summary>When the student was (first) enrolled.</summary>
    [Id(2)]
    public DateTimeOffset EnrolledAt { get; init; }

    /// <summary>While <see cref="State"/> is <see cref="RosterState.Joining"/> or <see cref="RosterState.Leaving"/>: why the student's side is not done yet, if an attempt failed.</summary>
    [Id(3)]
    public SyncIssue? Issue { get; init; }
}
