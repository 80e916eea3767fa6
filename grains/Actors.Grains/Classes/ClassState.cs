using System.Collections.Immutable;
using System.Text.Json.Serialization;
using Actors.Contracts.Classes;

namespace Actors.Grains.Classes;

/// <summary>
/// A class's stored state. The roster and the assignments' work lists are the source of truth for membership
/// and copies; students' class lists and the copies themselves follow them (see <c>docs/domain.md</c>).
/// </summary>
[GenerateSerializer, Alias("Actors.ClassState")]
public sealed record ClassState
{
    /// <summary>
    /// The schema this code writes. 1: the first. 2: keys carry the school from here on; adds <see cref="JoinCode"/>,
    /// <see cref="DocumentIds"/>, the invitation states of the roster, per-item issues (<see cref="RosterEntry.Issue"/>,
    /// <see cref="Assignment.CopyIssues"/>) and each assignment's <see cref="Assignment.Source"/>. 3: adds
    /// <see cref="TeacherListed"/>. See <see cref="ClassStateMigration"/>.
    /// </summary>
    public const int CurrentSchemaVersion = 3;

    [Id(0)]
    public int SchemaVersion { get; init; }

    /// <summary>Null until the class is created.</summary>
    [Id(1)]
    public string? Title { get; init; }

    [Id(2)]
    public string TeacherId { get; init; } = "";

    [Id(3)]
    public DateTimeOffset CreatedAt { get; init; }

    [Id(4)]
    public ImmutableList<RosterEntry> Roster { get; init; } = [];

    [Id(5)]
    public ImmutableList<Assignment> Assignments { get; init; } = [];

    /// <summary>The code students of the school join with; null on a class from before schema 2 until it is rotated.</summary>
    [Id(6)]
    public string? JoinCode { get; init; }

    /// <summary>
    /// Documents shared with the class (ids in the same school), told when the roster changes so that they stop
    /// trusting what they remember of its members (schema 2).
    /// </summary>
    [Id(7)]
    public ImmutableList<string> DocumentIds { get; init; } = [];

    /// <summary>
    /// True once the teacher's class list records the class (schema 3). Created classes without it, including every
    /// class from before schema 3, record themselves on their next call or activation.
    /// </summary>
    [Id(8)]
    public bool TeacherListed { get; init; }

    /// <summary>True once the class was created.</summary>
    [JsonIgnore]
    public bool IsCreated => Title is not null;
}
