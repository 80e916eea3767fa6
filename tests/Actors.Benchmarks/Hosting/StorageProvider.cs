using Actors.Persistence.CockroachDb.Hosting;
using Actors.Persistence.CockroachDb.Serialization;
using Actors.Silo.Hosting;
using Orleans.Hosting;

namespace Actors.Benchmarks.Hosting;

/// <summary>
/// A grain storage the benchmark compares: how to prepare its database and how to register it in a silo under a
/// given name (the benchmark's silos register it under the name the grains use, so grain scenarios run on it too).
/// </summary>
/// <param name="Name">The name in result rows and on the command line.</param>
/// <param name="Description">What it is, for the printed header.</param>
/// <param name="PrepareDatabaseAsync">Creates what the provider does not create itself, given the database's connection string.</param>
/// <param name="Register">Adds the provider to a silo: (silo, storage name, connection string).</param>
internal sealed record StorageProvider(
    string Name,
    string Description,
    Func<string, Task> PrepareDatabaseAsync,
    Action<ISiloBuilder, string, string> Register)
{
    /// <summary>
    /// Every provider a run can measure, in the order rows are printed. Adding one is one entry here.
    /// </summary>
    public static IReadOnlyList<StorageProvider> All { get; } =
    [
        new(
            "adonet",
            "the stock Microsoft.Orleans.Persistence.AdoNet 10.4.2 with its own PostgreSQL scripts (Fixtures/AdoNet) and our JSON serializer",
            AdoNetSchema.CreateAsync,
            static (silo, name, connectionString) => silo.AddAdoNetGrainStorage(name, o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = connectionString;

                // The same System.Text.Json serializer as ours, so the rows compare storage paths, not serializers.
                // (Its Newtonsoft default cannot read back the document's immutable collections, and refuses types
                // outside Orleans' allow-list.)
                o.GrainStorageSerializer = new JsonGrainStateSerializer();
            })),
        new(
            "actors",
            "ours (Actors.Persistence.CockroachDb) as a silo is configured by default",
            static _ => Task.CompletedTask,
            static (silo, name, connectionString) => silo.AddCockroachGrainStorage(name, o => o.StoreLargeCollectionsPerItem().ConnectionString = connectionString)),
        new(
            "actors-single",
            "ours with cross-grain batching off (CockroachGrainStorageOptions.Batching.Enabled = false): one transaction per write",
            static _ => Task.CompletedTask,
            static (silo, name, connectionString) => silo.AddCockroachGrainStorage(name, o =>
            {
                o.StoreLargeCollectionsPerItem().ConnectionString = connectionString;
                o.Batching.Enabled = false;
            })),
    ];

    /// <summary>The provider called <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No provider has that name.</exception>
    public static StorageProvider Named(string name)
        => All.FirstOrDefault(p => p.Name == name)
           ?? throw new ArgumentException($"Unknown provider '{name}'; known: {string.Join(", ", All.Select(p => p.Name))}.", nameof(name));

    /// <inheritdoc />
    public override string ToString() => Name;
}
