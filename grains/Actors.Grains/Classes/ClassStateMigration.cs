namespace Actors.Grains.Classes;

/// <summary>Brings a class state read from storage up to <see cref="ClassState.CurrentSchemaVersion"/> on activation.</summary>
internal static class ClassStateMigration
{
    /// <summary>Upgrades in memory only; the upgraded state is written with the class's next change.</summary>
    public static ClassState Upgrade(ClassState state, bool recordExists)
    {
        if (!recordExists)
        {
            return state with { SchemaVersion = ClassState.CurrentSchemaVersion };
        }

        // Explicit JSON nulls (a hand-edited row) would override the empty defaults.
        state = state with
        {
            Roster = state.Roster ?? [],
            Assignments = (state.Assignments ?? []).ConvertAll(a => a.CopyIssues is null ? a with { CopyIssues = [] } : a),
        };

        if (state.SchemaVersion < 2)
        {
            // Version 1 kept no copy sources and no issues: an assignment without a source has its original read when
            // a copy is next made (and the source kept then); no step has failed as far as the state knows.
            state = state with { SchemaVersion = 2 };
        }

        return state;
    }
}
