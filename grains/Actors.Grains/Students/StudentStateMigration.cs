using Actors.Contracts.Students;

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
            Goals = state.Goals ?? StudentItemsJson.Empty<Goal>(),
            Activities = state.Activities ?? StudentItemsJson.Empty<Activity>(),
            Reflections = state.Reflections ?? StudentItemsJson.Empty<Reflection>(),
            Classes = state.Classes ?? [],
            PageViews = state.PageViews ?? StudentItemsJson.Empty<PageViewCount>(),
            PageViewRequestIds = state.PageViewRequestIds ?? StudentItemsJson.Empty<PageViewRequest>(),
            Documents = state.Documents ?? StudentItemsJson.Empty<StudentDocumentLink>(),
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

        if (state.SchemaVersion < 4)
        {
            // Version 3 held goals, activities and reflections as lists and page views as numbers, all in the state
            // row. StudentItemsJson read them into the keyed form already; the next write stores them one row per
            // item and empties them in the state row (an activation that only reads leaves the row as it is).
            state = state with { SchemaVersion = 4 };
        }

        return state;
    }
}
