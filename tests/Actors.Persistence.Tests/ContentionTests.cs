using System.Collections.Concurrent;
using Npgsql;
using Orleans.Storage;

namespace Actors.Persistence.Tests;

/// <summary>
/// Many writers on a few rows while raw SERIALIZABLE transactions read and touch the same rows, so the
/// provider meets real 40001 serialization failures and must retry them without losing or doubling a write.
/// </summary>
[Trait("Category", "Storage")]
public sealed class ContentionTests : IAsyncLifetime
{
    private const int Rows = 4;
    private const int Writers = 32;
    private const int AppendsPerWriter = 8;

    private StorageHarness _h = null!;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Theory]
    [InlineData(true)] // writes of different rows share transactions
    [InlineData(false)]
    public async Task Concurrent_writers_lose_nothing_and_versions_strictly_increase(bool batching)
    {
        _h = await StorageHarness.CreateAsync(configure: o =>
        {
            o.Retry.MaxAttempts = 50;
            o.Retry.TotalBudget = TimeSpan.FromSeconds(25);
            o.Batching.Enabled = batching;
        });
        var acknowledged = new ConcurrentDictionary<string, ConcurrentBag<(long Version, string Token)>>();
        for (var r = 0; r < Rows; r++)
        {
            acknowledged[Key(r)] = [];
            var seed = await _h.ReadAsync<Ledger>(StorageHarness.Grain(Key(r)));
            await _h.Storage.WriteStateAsync("state", StorageHarness.Grain(Key(r)), seed);
        }

        using var stopNoise = new CancellationTokenSource();
        var noise = Enumerable.Range(0, 4).Select(n => RawTransactionNoiseAsync(n, stopNoise.Token)).ToArray();

        var conflicts = 0;
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            var key = Key(w % Rows);
            var grain = StorageHarness.Grain(key);
            for (var i = 0; i < AppendsPerWriter; i++)
            {
                var token = $"w{w}-{i}";
                while (true)
                {
                    var state = await _h.ReadAsync<Ledger>(grain);
                    state.State.Entries.Add(token);
                    try
                    {
                        await _h.Storage.WriteStateAsync("state", grain, state);
                        acknowledged[key].Add((long.Parse(state.ETag!), token));
                        break;
                    }
                    catch (InconsistentStateException)
                    {
                        // Another writer got there first: read again and reapply, as a grain reactivating would.
                        Interlocked.Increment(ref conflicts);
                    }
                }
            }
        })));

        await stopNoise.CancelAsync();
        var noiseTransactions = (await Task.WhenAll(noise)).Sum();

        for (var r = 0; r < Rows; r++)
        {
            var acks = acknowledged[Key(r)].ToList();
            var stored = await _h.ReadAsync<Ledger>(StorageHarness.Grain(Key(r)));

            // Every acknowledged append is stored exactly once, and nothing else is.
            Assert.Equal(acks.Select(a => a.Token).Order(), stored.State.Entries.Order());
            // Each acknowledged write got its own version: 2..N+1 with none skipped or repeated (1 was the seed).
            Assert.Equal(Enumerable.Range(2, acks.Count).Select(v => (long)v), acks.Select(a => a.Version).Order());
            Assert.Equal((acks.Count + 1).ToString(), stored.ETag);
        }

        Assert.Equal(Writers * AppendsPerWriter, acknowledged.Values.Sum(b => b.Count));
        Assert.True(noiseTransactions > 0, "the raw transactions should have run");
        Assert.True(_h.Metrics.Total("actors.storage.retries", "cause", "serialization") > 0, "expected real 40001 serialization failures to be retried");
        Console.WriteLine($"contention (batching {(batching ? "on" : "off")}): {_h.Metrics.Total("actors.storage.batch_size|count")} transactions for {Writers * AppendsPerWriter} writes acknowledged, {conflicts} ETag conflicts, " +
            $"{_h.Metrics.Total("actors.storage.retries", "cause", "serialization")} serialization retries, {noiseTransactions} raw transactions");
    }

    private static string Key(int row) => $"contended-{row}";

    /// <summary>
    /// Read-then-touch transactions on the contended rows. They leave state and version alone but take the
    /// rows' locks and read them, so concurrent provider writes fail with 40001 and must be rerun.
    /// </summary>
    private async Task<int> RawTransactionNoiseAsync(int seed, CancellationToken stop)
    {
        var committed = 0;
        var random = new Random(seed);
        await using var connection = new NpgsqlConnection(_h.Database.ConnectionString);
        await connection.OpenAsync();
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await using var tx = await connection.BeginTransactionAsync(System.Data.IsolationLevel.Serializable);
                var key = Key(random.Next(Rows));
                await using (var read = new NpgsqlCommand("SELECT version FROM orleans_grain_state WHERE grain_key = $1", connection, tx))
                {
                    read.Parameters.Add(new() { Value = key });
                    await read.ExecuteScalarAsync();
                }

                await using (var touch = new NpgsqlCommand("UPDATE orleans_grain_state SET modified_at = now() WHERE grain_key = $1", connection, tx))
                {
                    touch.Parameters.Add(new() { Value = key });
                    await touch.ExecuteNonQueryAsync();
                }

                await tx.CommitAsync();
                committed++;
            }
            catch (PostgresException e) when (e.SqlState is "40001" or "40P01")
            {
                // The noise itself loses races too (a serialization failure, or a deadlock: its UPDATE queues for a
                // row's lock behind a batch, and a batch behind it); it simply goes on.
            }
        }

        return committed;
    }
}
