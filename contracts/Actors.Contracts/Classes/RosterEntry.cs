using System.Text.Json.Serialization;

namespace Actors.Contracts.Classes;

/// <summary>
/// Where a student is on a class's roster. <see cref="Invited"/> and <see cref="Active"/> are settled;
/// <see cref="Inviting"/>, <see cref="Joining"/> and <see cref="Leaving"/> are the recorded intent of a change whose
/// other half (the student's own class list, the student's copies of the assignments) is still being carried out;
/// the class finishes it on the next call or activation.
/// <para>
/// A teacher's enrollment is an invitation: it grants the teacher nothing until the student accepts it or joins
/// with the class's join code. A school administrator's enrollment (and an acceptance, and a join) goes through
/// <see cref="Joining"/> to <see cref="Active"/>.
/// </para>
/// </summary>
[GenerateSerializer, Alias("Actors.RosterState")]
[JsonConverter(typeof(JsonStringEnumConverter<RosterState>))]
public enum RosterState
{
    /// <summary>Becoming a member; the student's side is not confirmed yet.</summary>
    Joining = 0,

    /// <summary>A member on both sides.</summary>
    Active = 1,

    /// <summary>Being removed (or declining); the student's side is not confirmed yet.</summary>
    Leaving = 2,

    /// <summary>Invited by the teacher; the student has not been told yet.</summary>
    Inviting = 3,

    /// <summary>Invited; the student holds the invitation and may accept or decline it.</summary>
    Invited = 4,
}

/// <summary>A student on a class's roster.</summary>
[GenerateSerializer, Immutable, Alias("Actors.RosterEntry")]
public sealed record RosterEntry
{
    [Id(0)]
    public string StudentId { get; init; } = "";

    [Id(1)]
    public RosterState State { get; init; }

    /// <summary>When the student was (first) enrolled or invited.</summary>
    [Id(2)]
    public DateTimeOffset EnrolledAt { get; init; }

    /// <summary>
    /// While <see cref="State"/> is <see cref="RosterState.Inviting"/>, <see cref="RosterState.Joining"/> or
    /// <see cref="RosterState.Leaving"/>: why the student's side is not done yet, if an attempt failed.
    /// </summary>
    [Id(3)]
    public SyncIssue? Issue { get; init; }
}
