using System.Collections.Immutable;
using Actors.Contracts.Schools;

namespace Actors.Grains.Schools;

/// <summary>Brings a school state read from storage up to <see cref="SchoolState.CurrentSchemaVersion"/> on activation.</summary>
internal static class SchoolStateMigration
{
    /// <summary>
    /// A deserialized sorted dictionary orders by the default (culture-aware) string comparer: put the ordinal one
    /// back, so listing order and page cursors do not depend on a silo's culture.
    /// </summary>
    public static SchoolState Upgrade(SchoolState state, bool recordExists)
        => recordExists
            ? state with
            {
                Members = (state.Members ?? ImmutableSortedDictionary<string, SchoolMember>.Empty).WithComparers(StringComparer.Ordinal),
                ImportedClasses = (state.ImportedClasses ?? ImmutableSortedDictionary<string, string>.Empty).WithComparers(StringComparer.Ordinal),
                Erasures = (state.Erasures ?? ImmutableSortedSet<string>.Empty).WithComparer(StringComparer.Ordinal),
                Erased = (state.Erased ?? ImmutableSortedSet<string>.Empty).WithComparer(StringComparer.Ordinal),
            }
            : state with { SchemaVersion = SchoolState.CurrentSchemaVersion };
}
