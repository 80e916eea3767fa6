using System.Text.Json.Serialization;

namespace Actors.Contracts.Students;

/// <summary>What a reflection is about.</summary>
[GenerateSerializer, Alias("Actors.ReflectionSubject")]
[JsonConverter(typeof(JsonStringEnumConverter<ReflectionSubject>))]
public enum ReflectionSubject
{
    /// <summary>One of the student's goals.</summary>
    Goal = 0,

    /// <summary>One of the student's activities.</summary>
    Activity = 1,
}

/// <summary>What a student writes: text about one of their goals or activities.</summary>
[GenerateSerializer, Immutable, Alias("Actors.ReflectionDraft")]
public sealed record ReflectionDraft(
    [property: Id(0)] string Text,
    [property: Id(1)] ReflectionSubject Subject,
    [property: Id(2)] string SubjectId);

/// <summary>
/// A student's reflection. Private to the student (no one else, not even a school administrator, reads it) unless
/// shared with classes: then the teachers of those classes may read it, and the school's administrators.
/// </summary>
[GenerateSerializer, Immutable, Alias("Actors.Reflection")]
public sealed record Reflection
{
    /// <summary>Client-generated id; writing again with the same id edits the reflection.</summary>
    [Id(0)]
    public string Id { get; init; } = "";

    /// <summary>Long text: line breaks and tabs allowed.</summary>
    [Id(1)]
    public string Text { get; init; } = "";

    [Id(2)]
    public ReflectionSubject Subject { get; init; }

    [Id(3)]
    public string SubjectId { get; init; } = "";

    /// <summary>Classes whose teachers may read it; empty means private.</summary>
    [Id(4)]
    public IReadOnlyList<string> SharedWithClassIds { get; init; } = [];

    [Id(5)]
    public DateTimeOffset WrittenAt { get; init; }

    [Id(6)]
    public DateTimeOffset? EditedAt { get; init; }
}
