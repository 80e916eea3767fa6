using System.Text.Json.Serialization;

namespace Actors.Contracts.Schools;

/// <summary>What a user is on a school's roster. School administrators and operators are not rostered: their tokens say what they are.</summary>
[GenerateSerializer, Alias("Actors.SchoolRole")]
[JsonConverter(typeof(JsonStringEnumConverter<SchoolRole>))]
public enum SchoolRole
{
    /// <summary>A student: their student grain exists from the moment they are rostered.</summary>
    Student = 0,

    /// <summary>A teacher: may create classes and invite the school's students to them.</summary>
    Teacher = 1,
}

/// <summary>
/// Where a member is on the roster. A student's own grain mirrors the roster (it answers as if it did not exist while
/// not rostered); <see cref="Adding"/> and <see cref="Removing"/> are the recorded intent of a change whose student
/// side is still being carried out, finished by the school on its next call or activation. Teachers have no grain
/// of their own, so they are <see cref="Active"/> at once and removed at once.
/// </summary>
[GenerateSerializer, Alias("Actors.MemberState")]
[JsonConverter(typeof(JsonStringEnumConverter<MemberState>))]
public enum MemberState
{
    /// <summary>On the roster; the student grain is not confirmed yet.</summary>
    Adding = 0,

    /// <summary>On the roster.</summary>
    Active = 1,

    /// <summary>Being removed; the student grain is not confirmed yet.</summary>
    Removing = 2,
}

/// <summary>What rostering a user asks for.</summary>
/// <param name="Role">Student or teacher; a user keeps one role in a school.</param>
/// <param name="DisplayName">The name the school knows the user by (single line, at most <see cref="DomainLimits.ShortTextLength"/>).</param>
[GenerateSerializer, Immutable, Alias("Actors.SchoolMemberDraft")]
public sealed record SchoolMemberDraft([property: Id(0)] SchoolRole Role, [property: Id(1)] string DisplayName);

/// <summary>A student or teacher on a school's roster.</summary>
[GenerateSerializer, Immutable, Alias("Actors.SchoolMember")]
public sealed record SchoolMember
{
    /// <summary>The user's id in the school: the <c>sub</c> of their token; a student's is their student id.</summary>
    [Id(0)]
    public string UserId { get; init; } = "";

    [Id(1)]
    public SchoolRole Role { get; init; }

    [Id(2)]
    public string DisplayName { get; init; } = "";

    [Id(3)]
    public MemberState State { get; init; }

    /// <summary>When the user was (first) rostered.</summary>
    [Id(4)]
    public DateTimeOffset AddedAt { get; init; }

    /// <summary>True while the member counts as on the roster (being added, or added).</summary>
    [JsonIgnore]
    public bool IsRostered => State != MemberState.Removing;
}

/// <summary>One page of a roster listing, in user-id order.</summary>
/// <param name="Members">The members after the requested cursor.</param>
/// <param name="HasMore">True when members follow the last one returned.</param>
[GenerateSerializer, Immutable, Alias("Actors.SchoolMemberPage")]
public sealed record SchoolMemberPage([property: Id(0)] IReadOnlyList<SchoolMember> Members, [property: Id(1)] bool HasMore);
