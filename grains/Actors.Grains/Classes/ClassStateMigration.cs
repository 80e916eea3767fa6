namespace Actors.Grains.Classes;

/// <summary>Brings a class state read from storage up to <see cref="ClassState.CurrentSchemaVersion"/> on activation.</summary>
internal static class ClassStateMigration
{
    /// <summary>
    /// Version 1 rows were keyed without a school and are unreachable under school-scoped keys (local data from before
    /// schools is dropped, not migrated); one read anyway has no join code (a teacher rotates one) and no linked
    /// documents (they fall back on their periodic re-check).
    /// </summary>
    public static ClassState Upgrade(ClassState state, bool recordExists)
        => recordExists
            ? state with { Roster = state.Roster ?? [], Assignments = state.Assignments ?? [], DocumentIds = state.DocumentIds ?? [], SchemaVersion = ClassState.CurrentSchemaVersion }
            : state with { SchemaVersion = ClassState.CurrentSchemaVersion };
}
