using System.Collections.Immutable;
using Actors.Contracts.Teachers;

namespace Actors.Grains.Teachers;

/// <summary>
/// A teacher's stored state: the classes created for them, one JSONB row, in class-id order (ordinal), which is the
/// order they are listed and paged in. The classes record themselves here; the class rows stay the source of truth.
/// </summary>
[GenerateSerializer, Alias("Actors.TeacherState")]
public sealed record TeacherState
{
    /// <summary>The schema this code writes (1: the first).</summary>
    public const int CurrentSchemaVersion = 1;

    [Id(0)]
    public int SchemaVersion { get; init; }

    /// <summary>The teacher's classes by class id.</summary>
    [Id(1)]
    public ImmutableSortedDictionary<string, TaughtClass> Classes { get; init; } = ImmutableSortedDictionary.Create<string, TaughtClass>(StringComparer.Ordinal);
}
