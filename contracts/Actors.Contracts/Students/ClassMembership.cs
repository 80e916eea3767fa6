using System.Text.Json.Serialization;

namespace Actors.Contracts.Students;

/// <summary>Whether a student is in a class or only invited to it.</summary>
[GenerateSerializer, Alias("Actors.MembershipState")]
[JsonConverter(typeof(JsonStringEnumConverter<MembershipState>))]
public enum MembershipState
{
    /// <summary>A member: the class's teacher may read what a teacher of the student may read.</summary>
    Active = 0,

    /// <summary>Invited by the class's teacher; grants the teacher nothing until the student accepts.</summary>
    Invited = 1,
}

/// <summary>A class a student belongs to or is invited to, as the student's own list keeps it (the class's roster is the source of truth).</summary>
[GenerateSerializer, Immutable, Alias("Actors.ClassMembership")]
public sealed record ClassMembership
{
    [Id(0)]
    public string ClassId { get; init; } = "";

    [Id(1)]
    public string Title { get; init; } = "";

    /// <summary>The class's teacher: who may read the reflections shared with this class, once the membership is active.</summary>
    [Id(2)]
    public string TeacherId { get; init; } = "";

    /// <summary>When the student was enrolled or invited.</summary>
    [Id(3)]
    public DateTimeOffset JoinedAt { get; init; }

    [Id(4)]
    public MembershipState State { get; init; }
}
