using Actors.Persistence.CockroachDb.Diagnostics;
using Actors.Persistence.CockroachDb.Providers;
using Actors.Persistence.CockroachDb.Storage;
using Actors.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;

namespace Actors.Persistence.Tests;

/// <summary>
/// A <see cref="CockroachGrainStorage"/> on a database of its own, built outside a silo so tests can drive it
/// directly. Each harness has a unique provider name, which tags its metrics.
/// </summary>
public sealed class StorageHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private StorageHarness(PostgresDatabase database, CockroachGrainStorage storage, ServiceProvider services, string name, MetricsRecorder metrics)
    {
        Database = database;
        Storage = storage;
        _services = services;
        Name = name;
        Metrics = metrics;
    }

    public PostgresDatabase Database { get; }

    public CockroachGrainStorage Storage { get; }

    public string Name { get; }

    public MetricsRecorder Metrics { get; }

    public const string ServiceId = "test-service";

    public static async Task<StorageHarness> CreateAsync(PostgresDatabase? database = null, Action<CockroachGrainStorageOptions>? configure = null)
    {
        database ??= await PostgresServer.CreateDatabaseAsync("storage");
        var name = "storage-" + Guid.NewGuid().ToString("N")[..8];
        var metrics = new MetricsRecorder(name);
        var services = new ServiceCollection().AddSerializer().AddMetrics().AddLogging(b => b.SetMinimumLevel(LogLevel.Warning)).BuildServiceProvider();
        var options = new CockroachGrainStorageOptions { ConnectionString = database.ConnectionString };
        configure?.Invoke(options);
        var storage = new CockroachGrainStorage(
            name,
            ServiceId,
            options,
            services.GetRequiredService<IActivatorProvider>(),
            new CockroachStorageMetrics(services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), name),
            services.GetRequiredService<ILogger<CockroachGrainStorage>>());
        await storage.InitializeAsync(CancellationToken.None);
        return new StorageHarness(database, storage, services, name, metrics);
    }

    public static GrainId Grain(string key) => GrainId.Create("student", key);

    public async Task<StoredState<T>> ReadAsync<T>(GrainId grain, string stateName = "state")
    {
        var state = new StoredState<T>();
        await Storage.ReadStateAsync(stateName, grain, state);
        return state;
    }

    /// <summary>The raw row as the database holds it.</summary>
    public async Task<(long Version, string? Json)?> RowAsync(GrainId grain, string stateName = "state")
    {
        await using var connection = new Npgsql.NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            "SELECT version, state::text FROM orleans_grain_state WHERE service_id = $1 AND grain_type = $2 AND grain_key = $3 AND state_name = $4", connection);
        command.Parameters.Add(new() { Value = ServiceId });
        command.Parameters.Add(new() { Value = grain.Type.ToString()! });
        command.Parameters.Add(new() { Value = grain.Key.ToString()! });
        command.Parameters.Add(new() { Value = stateName });
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            return null;
        }

        return (reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetString(1));
    }

    public async ValueTask DisposeAsync()
    {
        Metrics.Dispose();
        await Storage.DisposeAsync();
        await _services.DisposeAsync();
        await Database.DisposeAsync();
    }
}
