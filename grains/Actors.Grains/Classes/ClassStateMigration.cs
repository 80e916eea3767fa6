namespace Actors.Grains.Classes;

/// <summary>Brings a class state read from storage up to <see cref="ClassState.CurrentSchemaVersion"/> on activation.</summary>
internal static class ClassStateMigration
{
    public static ClassState Upgrade(ClassState state, bool recordExists)
        => recordExists
            ? state with { Roster = state.Roster ?? [], Assignments = state.Assignments ?? [] }
            : state with { SchemaVersion = ClassState.CurrentSchemaVersion };
}
