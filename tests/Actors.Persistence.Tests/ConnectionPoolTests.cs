using Actors.Persistence.CockroachDb.Storage;
using Actors.Testing;
using Npgsql;

namespace Actors.Persistence.Tests;

/// <summary>
/// An exhausted pool is overload, not a broken database: the pool is not cleared (clearing drops healthy
/// connections, and every retry then opens a new one: under overload or a node drain, a reconnect storm), and the
/// wait for a connection counts against the retry budget like any other wait.
/// </summary>
[Trait("Category", "Storage")]
public sealed class ConnectionPoolTests
{
    [Fact]
    public async Task An_exhausted_pool_is_retried_without_clearing_it()
    {
        var (error, pidBefore, pidAfter, stored, busyRetries) = await WriteWhileThePoolIsHeldAsync(poolTimeoutSeconds: 1);

        Assert.True(error.IsTransient);
        Assert.False(stored);
        Assert.True(busyRetries > 0, "the exhausted pool should have been retried as overload");
        Assert.Equal(pidBefore, pidAfter); // the held connection went back to the pool and is handed out again
    }

    [Fact]
    public async Task Waiting_for_an_exhausted_pool_is_bounded_by_the_retry_budget()
    {
        // Npgsql would wait 30 s for a free connection; the budget is 2 s.
        var (error, _, _, stored, _) = await WriteWhileThePoolIsHeldAsync(poolTimeoutSeconds: 30);

        Assert.True(error.IsTransient);
        Assert.Contains("retry budget", error.Message);
        Assert.False(stored);
    }

    /// <summary>
    /// Writes while the pool's only connection is busy; returns the error, the backend pid of that connection before
    /// and after (equal when the pool kept it), whether a row was stored and how many retries were counted as overload.
    /// </summary>
    private static async Task<(CockroachStorageException Error, int PidBefore, int PidAfter, bool Stored, long BusyRetries)> WriteWhileThePoolIsHeldAsync(int poolTimeoutSeconds)
    {
        var database = await PostgresServer.CreateDatabaseAsync("pool");
        await using var dataSource = NpgsqlDataSource.Create(database.With(b =>
        {
            b.MaxPoolSize = 1;
            b.Timeout = poolTimeoutSeconds;
        }));
        await using var h = await StorageHarness.CreateAsync(database, o =>
        {
            o.DataSource = dataSource;
            o.Retry.TotalBudget = TimeSpan.FromSeconds(2);
        });
        var grain = StorageHarness.Grain("starved");
        var state = await h.ReadAsync<Ledger>(grain);
        state.State.Entries.Add("waits");

        var held = await dataSource.OpenConnectionAsync();
        var pidBefore = await BackendPidAsync(held);
        var error = await Assert.ThrowsAsync<CockroachStorageException>(
            () => h.Storage.WriteStateAsync("state", grain, state).WaitAsync(TimeSpan.FromSeconds(20)));
        await held.DisposeAsync();

        await using var again = await dataSource.OpenConnectionAsync();
        return (error, pidBefore, await BackendPidAsync(again), await h.RowAsync(grain) is not null, h.Metrics.Total("actors.storage.retries", "cause", "busy"));
    }

    private static async Task<int> BackendPidAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand("SELECT pg_backend_pid()", connection);
        return (int)(await command.ExecuteScalarAsync())!;
    }
}
