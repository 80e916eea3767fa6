using Actors.Persistence.CockroachDb.Providers;
using Actors.Persistence.CockroachDb.Storage;
using Actors.Testing;
using Npgsql;
using Orleans.Storage;

namespace Actors.Persistence.Tests;

/// <summary>
/// Cross-grain batching: concurrent writes of different grains share one transaction, yet each row is conditional on
/// its own version, each caller hears only its own outcome, and a bad row fails only its own write. The window is
/// long and the batch size the number of writes, so the writes of a test go in one batch exactly (a full batch is
/// sent at once).
/// </summary>
[Trait("Category", "Storage")]
public sealed class BatchingTests : IAsyncLifetime
{
    internal const int Grains = 6;

    private StorageHarness _h = null!;

    public async Task InitializeAsync() => _h = await StorageHarness.CreateAsync(configure: Batched);

    public async Task DisposeAsync() => await _h.DisposeAsync();

    internal static void Batched(CockroachGrainStorageOptions o)
    {
        o.Batching.Window = TimeSpan.FromSeconds(1);
        o.Batching.MaxBatchSize = Grains;
    }

    [Fact]
    public async Task Writes_of_different_grains_share_one_transaction_and_a_conflict_fails_only_its_own()
    {
        var states = await SeedAsync(_h, "shared");
        await MakeStaleAsync(_h, "shared-2");

        var results = await WriteAllAsync(_h, "shared", states, "second");

        Assert.Equal(2, _h.Metrics.Total("actors.storage.batch_size|count")); // the seed and the update: one transaction each
        Assert.Equal(2 * Grains, _h.Metrics.Total("actors.storage.batch_size"));
        for (var g = 0; g < Grains; g++)
        {
            if (g == 2)
            {
                Assert.IsType<InconsistentStateException>(results[g]);
                Assert.Equal(["first"], (await _h.ReadAsync<Ledger>(StorageHarness.Grain("shared-2"))).State.Entries);
            }
            else
            {
                Assert.Null(results[g]);
                Assert.Equal("2", states[g].ETag);
                Assert.Equal(["first", "second"], (await _h.ReadAsync<Ledger>(StorageHarness.Grain($"shared-{g}"))).State.Entries);
            }
        }
    }

    [Fact]
    public async Task A_write_the_database_refuses_fails_alone()
    {
        var states = await SeedAsync(_h, "refused");
        states[4].State.Entries.Add("nul \u0000 is not storable in a JSONB string"); // 22P05 on PostgreSQL: the whole transaction fails

        var results = await WriteAllAsync(_h, "refused", states, "second");

        var refused = Assert.IsType<CockroachStorageException>(results[4]);
        Assert.False(refused.IsTransient);
        Assert.All(results.Where((_, g) => g != 4), Assert.Null);
        Assert.Equal(["first", "second"], (await _h.ReadAsync<Ledger>(StorageHarness.Grain("refused-0"))).State.Entries);
        Assert.Equal(["first"], (await _h.ReadAsync<Ledger>(StorageHarness.Grain("refused-4"))).State.Entries);
    }

    [Fact]
    public async Task A_serialization_failure_reruns_the_whole_batch_and_every_write_lands_once()
    {
        var states = await SeedAsync(_h, "rerun");

        // Another SERIALIZABLE transaction holds row 3's lock (it touches only modified_at). The batch's UPDATE waits
        // for it; once it commits, PostgreSQL aborts the batch with 40001 (concurrent update): none of its rows
        // applied, and the rerun must write every one of them exactly once.
        await using var other = new NpgsqlConnection(_h.Database.ConnectionString);
        await other.OpenAsync();
        await using var tx = await other.BeginTransactionAsync(System.Data.IsolationLevel.Serializable);
        await using (var touch = new NpgsqlCommand("UPDATE orleans_grain_state SET modified_at = now() WHERE grain_key = 'rerun-3'", other, tx))
        {
            Assert.Equal(1, await touch.ExecuteNonQueryAsync());
        }

        var writes = WriteAllAsync(_h, "rerun", states, "second");
        await Poll.UntilAsync(
            () => _h.Database.ScalarAsync("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"),
            waiting => Convert.ToInt64(waiting) > 0, TimeSpan.FromSeconds(20), "the batch to wait for row 3's lock");
        await tx.CommitAsync();

        Assert.All(await writes, Assert.Null);
        Assert.True(_h.Metrics.Total("actors.storage.retries", "cause", "serialization") >= 1, "the batch should have met a 40001 and been rerun");
        Assert.Equal(2, _h.Metrics.Total("actors.storage.batch_size|count"));
        for (var g = 0; g < Grains; g++)
        {
            Assert.Equal("2", states[g].ETag);
            var read = await _h.ReadAsync<Ledger>(StorageHarness.Grain($"rerun-{g}"));
            Assert.Equal("2", read.ETag);
            Assert.Equal(["first", "second"], read.State.Entries);
        }
    }

    /// <summary>First writes of <see cref="Grains"/> grains "{prefix}-{g}", each holding "first" (one batch).</summary>
    internal static async Task<StoredState<Ledger>[]> SeedAsync(StorageHarness h, string prefix)
    {
        var states = await Task.WhenAll(Enumerable.Range(0, Grains).Select(g => h.ReadAsync<Ledger>(StorageHarness.Grain($"{prefix}-{g}"))));
        Assert.All(await WriteAllAsync(h, prefix, states, "first"), Assert.Null);
        return states;
    }

    /// <summary>Another writer moves the row's version: the grain's ETag is stale from now on.</summary>
    internal static Task MakeStaleAsync(StorageHarness h, string key)
        => h.Database.ScalarAsync("UPDATE orleans_grain_state SET version = version + 1, write_id = gen_random_uuid() WHERE grain_key = $1", key);

    /// <summary>Appends <paramref name="entry"/> to every state and writes them all at once; each write's exception, or null.</summary>
    internal static async Task<Exception?[]> WriteAllAsync(StorageHarness h, string prefix, StoredState<Ledger>[] states, string entry)
    {
        var writes = states.Select((state, g) =>
        {
            state.State.Entries.Add(entry);
            return h.Storage.WriteStateAsync("state", StorageHarness.Grain($"{prefix}-{g}"), state);
        }).ToArray();
        var results = new Exception?[writes.Length];
        for (var g = 0; g < writes.Length; g++)
        {
            try
            {
                await writes[g];
            }
            catch (Exception e)
            {
                results[g] = e;
            }
        }

        return results;
    }
}

/// <summary>A batch whose COMMIT outcome is unknown is settled row by row, by each row's write id.</summary>
[Trait("Category", "Fault")]
public sealed class BatchAmbiguityTests() : ProxiedStorageTests("batch_ambiguous")
{
    protected override void Configure(CockroachGrainStorageOptions options) => BatchingTests.Batched(options);

    [Theory]
    [InlineData(CommitCut.AfterCommit, "applied")]
    [InlineData(CommitCut.BeforeCommit, "not_applied")]
    public async Task Each_row_of_a_cut_batch_is_written_once_or_reported_as_its_own_conflict(CommitCut cut, string resolution)
    {
        var prefix = $"cut-{resolution.Replace('_', '-')}";
        var states = await BatchingTests.SeedAsync(H, prefix);
        await BatchingTests.MakeStaleAsync(H, $"{prefix}-3");
        var cutDone = Proxy.ArmCommitCut(cut, cutAt: $"{prefix}-0");

        var results = await BatchingTests.WriteAllAsync(H, prefix, states, "second");

        await cutDone;
        Assert.IsType<InconsistentStateException>(results[3]);
        for (var g = 0; g < BatchingTests.Grains; g++)
        {
            if (g != 3)
            {
                Assert.Null(results[g]);
                Assert.Equal("2", states[g].ETag);
                Assert.Equal(["first", "second"], (await H.ReadAsync<Ledger>(StorageHarness.Grain($"{prefix}-{g}"))).State.Entries);
            }
        }

        Assert.Equal(BatchingTests.Grains - 1, H.Metrics.Total("actors.storage.ambiguous_commits", "resolution", resolution));
        Assert.Equal(1, H.Metrics.Total("actors.storage.ambiguous_commits", "resolution", "conflict"));
    }
}
