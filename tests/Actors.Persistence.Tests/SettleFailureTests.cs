using Actors.Persistence.CockroachDb.Providers;
using Actors.Testing;
using Npgsql;
using Orleans.Storage;

namespace Actors.Persistence.Tests;

/// <summary>
/// A batch whose COMMIT succeeded resolves the writes it applied at once, then reads the rows of the writes that
/// returned nothing to settle them. If that read fails (a 40001 can cancel a read under SERIALIZABLE; here the
/// connection is cut), the retry must leave the applied writes alone: run again, they would find their version moved,
/// and with another write on the row meanwhile the settle read would report a write that applied as a conflict, so
/// its grain would apply it a second time.
/// </summary>
[Trait("Category", "Fault")]
public sealed class SettleFailureTests() : ProxiedStorageTests("settle")
{
    protected override void Configure(CockroachGrainStorageOptions options)
    {
        // Both writes below share one batch.
        options.Batching.Window = TimeSpan.FromMilliseconds(500);
    }

    [Fact]
    public async Task A_write_applied_by_a_committed_batch_stays_applied_when_settling_another_write_fails()
    {
        var applied = StorageHarness.Grain("settle-applied");
        var stale = StorageHarness.Grain("settle-stale");
        var appliedState = await H.ReadAsync<Ledger>(applied);
        await H.Storage.WriteStateAsync("state", applied, appliedState);
        var staleState = await H.ReadAsync<Ledger>(stale);
        await H.Storage.WriteStateAsync("state", stale, staleState);
        var other = await H.ReadAsync<Ledger>(stale);
        other.State.Entries.Add("other");
        await H.Storage.WriteStateAsync("state", stale, other); // staleState's ETag is now behind

        // The settle read (of the stale write) is cut after the batch committed; meanwhile another writer moves the
        // applied row on, as a grain's next write would.
        var cut = Proxy.ArmCommitCut(CommitCut.BeforeCommit, onCut: () => BumpAsync(applied), cutAt: "SELECT version, write_id FROM");
        appliedState.State.Entries.Add("applied");
        staleState.State.Entries.Add("stale");
        var writingApplied = H.Storage.WriteStateAsync("state", applied, appliedState);
        var writingStale = H.Storage.WriteStateAsync("state", stale, staleState);

        await writingApplied;
        await Assert.ThrowsAsync<InconsistentStateException>(() => writingStale);
        await cut;
        Assert.Equal("2", appliedState.ETag);
        Assert.Equal(3L, (await H.RowAsync(applied))!.Value.Version);
        Assert.Equal(["applied"], (await H.ReadAsync<Ledger>(applied)).State.Entries);
    }

    private async Task BumpAsync(Orleans.Runtime.GrainId grain)
    {
        await using var connection = new NpgsqlConnection(H.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "UPDATE orleans_grain_state SET version = version + 1, write_id = gen_random_uuid() WHERE grain_type = $1 AND grain_key = $2", connection);
        command.Parameters.Add(new() { Value = grain.Type.ToString()! });
        command.Parameters.Add(new() { Value = grain.Key.ToString()! });
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }
}
