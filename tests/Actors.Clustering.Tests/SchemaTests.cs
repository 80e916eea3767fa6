using System.Diagnostics;
using Actors.Clustering.CockroachDb.Membership;
using Actors.Clustering.CockroachDb.Providers;
using Actors.Testing;
using Npgsql;

namespace Actors.Clustering.Tests;

/// <summary>Schema creation on start-up: idempotent, safe when several silos start at once, clear when it cannot work.</summary>
public sealed class SchemaTests
{
    private static readonly Func<CancellationToken, Task> NoInitialization = _ => Task.CompletedTask;

    [Fact]
    public async Task Schema_can_be_created_twice()
    {
        await using var db = await PostgresServer.CreateDatabaseAsync("clustering_schema");
        var options = new CockroachClusteringOptions { ConnectionString = db.ConnectionString };

        await ClusteringSchema.PrepareAsync(options, "test", NoInitialization, CancellationToken.None);
        await ClusteringSchema.PrepareAsync(options, "test", NoInitialization, CancellationToken.None);

        Assert.Equal(ClusteringScript.AllQueryKeys, await StoredQueryKeysAsync(db));
    }

    [Fact]
    public async Task Schema_can_be_created_by_several_silos_at_once()
    {
        // Racing CREATE TABLEs fail only now and then (42P07, 23505 or 42710 on PostgreSQL, each retried), so race
        // on several fresh databases: one round missed a 42710 about one time in five.
        for (var round = 0; round < 8; round++)
        {
            await using var db = await PostgresServer.CreateDatabaseAsync("clustering_schema");
            var options = new CockroachClusteringOptions { ConnectionString = db.ConnectionString };
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

            // Every task waits at the gate so that the CREATE TABLE statements really race.
            var racers = Enumerable.Range(0, 8).Select(async _ =>
            {
                await start.Task;
                await ClusteringSchema.PrepareAsync(options, "test", NoInitialization, CancellationToken.None);
            }).ToArray();
            start.SetResult();
            await Task.WhenAll(racers);

            Assert.Equal(ClusteringScript.AllQueryKeys, await StoredQueryKeysAsync(db));
        }
    }

    [Fact]
    public async Task A_rerun_replaces_stale_query_texts()
    {
        await using var db = await PostgresServer.CreateDatabaseAsync("clustering_schema");
        var options = new CockroachClusteringOptions { ConnectionString = db.ConnectionString };
        await ClusteringSchema.PrepareAsync(options, "test", NoInitialization, CancellationToken.None);
        var current = (string?)await db.ScalarAsync("SELECT QueryText FROM OrleansQuery WHERE QueryKey = 'UpdateMembershipKey'");
        await db.ScalarAsync("UPDATE OrleansQuery SET QueryText = 'SELECT 0' WHERE QueryKey = 'UpdateMembershipKey'");

        await ClusteringSchema.PrepareAsync(options, "test", NoInitialization, CancellationToken.None);

        Assert.Contains("WITH target AS", current);
        Assert.Equal(current, await db.ScalarAsync("SELECT QueryText FROM OrleansQuery WHERE QueryKey = 'UpdateMembershipKey'"));
    }

    [Fact]
    public async Task Missing_schema_fails_at_once_when_creation_is_off()
    {
        await using var db = await PostgresServer.CreateDatabaseAsync("clustering_schema");
        var options = new CockroachClusteringOptions { ConnectionString = db.ConnectionString, CreateSchemaOnStartup = false };
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => ClusteringSchema.PrepareAsync(options, "Cluster membership", NoInitialization, CancellationToken.None));

        Assert.Contains("Cluster membership", error.Message);
        Assert.Contains("orleansquery", error.Message);
        Assert.True(clock.Elapsed < options.StartupTimeout / 2, $"took {clock.Elapsed}: a missing table is not worth retrying");
    }

    [Fact]
    public async Task Unreachable_database_fails_within_the_startup_timeout()
    {
        // A port nothing listens on: connections are refused, which is retryable until the deadline.
        var options = new CockroachClusteringOptions
        {
            ConnectionString = "Host=127.0.0.1;Port=1;Username=postgres;Database=nothing;Timeout=2",
            StartupTimeout = TimeSpan.FromSeconds(2),
        };
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => ClusteringSchema.PrepareAsync(options, "Cluster membership", NoInitialization, CancellationToken.None));

        Assert.Contains("could not be reached within 2 s", error.Message);
        Assert.Contains("127.0.0.1:1/nothing", error.Message);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(10));
    }

    private static async Task<string[]> StoredQueryKeysAsync(PostgresDatabase db)
    {
        await using var connection = new NpgsqlConnection(db.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT QueryKey FROM OrleansQuery ORDER BY QueryKey COLLATE \"C\"", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var keys = new List<string>();
        while (await reader.ReadAsync())
        {
            keys.Add(reader.GetString(0));
        }

        return [.. keys];
    }
}
