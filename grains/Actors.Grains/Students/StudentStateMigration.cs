using System.Collections.Immutable;

namespace Actors.Grains.Students;

/// <summary>Brings a student state read from storage up to <see cref="StudentState.CurrentSchemaVersion"/> on activation.</summary>
internal static class StudentStateMigration
{
    /// <summary>
    /// Upgrades in memory only; the upgraded state is written with the grain's next change, so an activation
    /// that only reads costs no write. Older code never reads a newer row: rolling upgrades replace silos, and
    /// the schema only ever gains fields.
    /// </summary>
    public static StudentState Upgrade(StudentState state, bool recordExists)
    {
        if (!recordExists)
        {
            return state with { SchemaVersion = StudentState.CurrentSchemaVersion };
        }

        // Explicit JSON nulls (a hand-edited row) would override the empty defaults.
        state = state with
        {
            Goals = state.Goals ?? [],
            Activities = state.Activities ?? [],
            Reflections = state.Reflections ?? [],
            Classes = state.Classes ?? [],
            PageViews = state.PageViews ?? ImmutableDictionary<string, long>.Empty,
            PageViewRequestIds = state.PageViewRequestIds ?? [],
            Documents = (state.Documents ?? []).WithComparer(StringComparer.Ordinal),
        };

        if (state.SchemaVersion < 2)
        {
            // Version 1 had no page-view analytics: nothing was counted, so empty counts are the truth.
            state = state with { SchemaVersion = 2 };
        }

        if (state.SchemaVersion < 3)
        {
            // Version 2 rows were keyed without a school and are not reachable under the school-scoped keys of
            // version 3 (local data from before schools is dropped, not migrated). A row that is read anyway keeps
            // what it has: its memberships were active (there were no invitations), it is not rostered until its
            // school rosters it.
            state = state with { SchemaVersion = 3 };
        }

        return state;
    }
}
