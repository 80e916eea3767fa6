namespace Actors.Grains.Classes;

/// <summary>Brings a class state read from storage up to <see cref="ClassState.CurrentSchemaVersion"/> on activation.</summary>
internal static class ClassStateMigration
{
    /// <summary>
    /// Upgrades in memory only; the upgraded state is written with the class's next change. Version 1 rows were keyed
    /// without a school and are unreachable under school-scoped keys (local data from before schools is dropped, not
    /// migrated); one read anyway has no join code (a teacher rotates one), no linked documents (they fall back on their
    /// periodic re-check), no copy sources (an assignment without one has its original read when a copy is next made,
    /// and the source kept then) and no issues (no step has failed as far as the state knows). Rows before version 3 are not yet in their
    /// teacher's class list (<see cref="ClassState.TeacherListed"/> reads false): the class records itself there on activation.
    /// </summary>
    public static ClassState Upgrade(ClassState state, bool recordExists)
    {
        if (!recordExists)
        {
            return state with { SchemaVersion = ClassState.CurrentSchemaVersion };
        }

        // Explicit JSON nulls (a hand-edited row) would override the empty defaults.
        return state with
        {
            Roster = state.Roster ?? [],
            Assignments = (state.Assignments ?? []).ConvertAll(a => a.CopyIssues is null ? a with { CopyIssues = [] } : a),
            DocumentIds = state.DocumentIds ?? [],
            SchemaVersion = ClassState.CurrentSchemaVersion,
        };
    }
}
