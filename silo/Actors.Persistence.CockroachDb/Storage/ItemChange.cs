namespace Actors.Persistence.CockroachDb.Storage;

/// <summary>One item row to write (<see cref="Json"/>) or delete (<see cref="Json"/> null) with a grain's write.</summary>
internal readonly record struct ItemChange(string Collection, string Key, string? Json);
