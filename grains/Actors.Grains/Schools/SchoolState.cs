using System.Collections.Immutable;
using Actors.Contracts.Schools;

namespace Actors.Grains.Schools;

/// <summary>
/// A school's stored state: its roster, one JSONB row. Members are kept in user-id order (ordinal), which is the
/// order rosters are listed and paged in. A row holds up to <c>DomainLimits.MembersPerSchool</c> members (a few MB
/// at most); every change rewrites it, so a bulk import applies many rows per write.
/// </summary>
[GenerateSerializer, Alias("Actors.SchoolState")]
public sealed record SchoolState
{
    /// <summary>The schema this code writes (1: the first; 2: adds <see cref="ImportedClasses"/> and <see cref="Erasures"/>; 3: adds <see cref="Erased"/>).</summary>
    public const int CurrentSchemaVersion = 3;

    [Id(0)]
    public int SchemaVersion { get; init; }

    /// <summary>Students and teachers by user id.</summary>
    [Id(1)]
    public ImmutableSortedDictionary<string, SchoolMember> Members { get; init; } = ImmutableSortedDictionary.Create<string, SchoolMember>(StringComparer.Ordinal);

    /// <summary>
    /// Classes a roster import read from <c>classes.csv</c>, title by class id (schema 2): a class is created when its
    /// teacher's enrollment is imported, which is where its title comes from.
    /// </summary>
    [Id(2)]
    public ImmutableSortedDictionary<string, string> ImportedClasses { get; init; } = ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// Students whose erasure was requested and is not finished (schema 2): recorded before the erasure starts, so that
    /// an erasure interrupted by a crash is finished by the school's next call, activation or timer.
    /// </summary>
    [Id(3)]
    public ImmutableSortedSet<string> Erasures { get; init; } = ImmutableSortedSet.Create<string>(StringComparer.Ordinal);

    /// <summary>
    /// Students whose erasure finished, as digests (schema 3; see <see cref="ErasedStudents"/>): a repeated erasure
    /// succeeds without a write, and their audit trail stays listable.
    /// </summary>
    [Id(4)]
    public ImmutableSortedSet<string> Erased { get; init; } = ImmutableSortedSet.Create<string>(StringComparer.Ordinal);
}
