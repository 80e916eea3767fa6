using Actors.Testing;
using Orleans.Storage;

namespace Actors.Persistence.Tests;

/// <summary>
/// A connection cut exactly at COMMIT leaves the client not knowing whether its write applied. A write is one batch
/// (BEGIN, statement, COMMIT), so the proxy cuts the batch that carries the grain's key: a parameter value, sent even
/// once the statements are prepared and their text no longer is. The provider
/// must find out (its write_id in the row) instead of retrying blindly: a blind retry would either apply the
/// write twice or report a false conflict against its own write.
/// </summary>
[Trait("Category", "Fault")]
public sealed class AmbiguousCommitTests() : ProxiedStorageTests("ambiguous")
{
    [Fact]
    public async Task A_first_write_whose_commit_applied_is_a_success_not_a_conflict()
    {
        var grain = StorageHarness.Grain("insert-applied");
        var state = await H.ReadAsync<Ledger>(grain);
        state.State.Entries.Add("only");
        var cut = Proxy.ArmCommitCut(CommitCut.AfterCommit, cutAt: "insert-applied");

        await H.Storage.WriteStateAsync("state", grain, state);

        await cut;
        Assert.Equal("1", state.ETag);
        Assert.Equal(1L, (await H.RowAsync(grain))!.Value.Version);
        Assert.Equal(1, H.Metrics.Total("actors.storage.ambiguous_commits", "resolution", "applied"));
    }

    [Theory]
    [InlineData(CommitCut.AfterCommit, "applied")]     // it applied: a blind retry would report a conflict with itself
    [InlineData(CommitCut.BeforeCommit, "not_applied")] // it never arrived: retried once
    public async Task An_update_with_an_unknown_commit_outcome_is_applied_exactly_once(CommitCut cut, string resolution)
    {
        var grain = StorageHarness.Grain($"update-{resolution}");
        var state = await H.ReadAsync<Ledger>(grain);
        state.State.Entries.Add("first");
        await H.Storage.WriteStateAsync("state", grain, state);
        state.State.Entries.Add("second");
        var cutDone = Proxy.ArmCommitCut(cut, cutAt: $"update-{resolution}");

        await H.Storage.WriteStateAsync("state", grain, state);

        await cutDone;
        Assert.Equal("2", state.ETag);
        var read = await H.ReadAsync<Ledger>(grain);
        Assert.Equal("2", read.ETag);
        Assert.Equal(["first", "second"], read.State.Entries);
        Assert.Equal(1, H.Metrics.Total("actors.storage.ambiguous_commits", "resolution", resolution));
    }

    [Theory]
    [InlineData(false)] // a first write
    [InlineData(true)]
    public async Task A_commit_that_lands_only_after_the_client_gave_up_on_it_is_a_success_not_a_conflict(bool update)
    {
        var key = update ? "late-update" : "late-insert";
        var grain = StorageHarness.Grain(key);
        var state = await H.ReadAsync<Ledger>(grain);
        if (update)
        {
            state.State.Entries.Add("first");
            await H.Storage.WriteStateAsync("state", grain, state);
        }

        state.State.Entries.Add("late");

        // The client's connection dies as soon as its write (statement and COMMIT, one batch) is sent, but the batch
        // itself is still on its way: it reaches the server just before the retry does, so the retry finds the
        // version already moved — by its own write.
        var cut = Proxy.ArmCommitCut(CommitCut.CommitLate, cutAt: key, releaseAt: key);

        await H.Storage.WriteStateAsync("state", grain, state);

        await cut;
        var expected = update ? 2L : 1L;
        Assert.Equal(expected.ToString(), state.ETag);
        var read = await H.ReadAsync<Ledger>(grain);
        Assert.Equal(expected.ToString(), read.ETag);
        Assert.Equal(state.State.Entries, read.State.Entries);
        Assert.Equal(1, H.Metrics.Total("actors.storage.ambiguous_commits", "resolution", "applied"));
    }

    [Fact]
    public async Task Another_writer_in_between_makes_it_a_conflict_and_keeps_their_write()
    {
        var grain = StorageHarness.Grain("overtaken");
        var state = await H.ReadAsync<Ledger>(grain);
        state.State.Entries.Add("first");
        await H.Storage.WriteStateAsync("state", grain, state);
        state.State.Entries.Add("ours");

        // While our COMMIT is lost in flight, someone else writes version 2 (straight to the database).
        var cut = Proxy.ArmCommitCut(
            CommitCut.BeforeCommit,
            () => H.Database.ScalarAsync(
                """UPDATE orleans_grain_state SET version = version + 1, state = '{"entries":["first","theirs"]}', write_id = gen_random_uuid() WHERE grain_key = 'overtaken'"""),
            cutAt: "overtaken");

        await Assert.ThrowsAsync<InconsistentStateException>(() => H.Storage.WriteStateAsync("state", grain, state));

        await cut;
        var read = await H.ReadAsync<Ledger>(grain);
        Assert.Equal("2", read.ETag);
        Assert.Equal(["first", "theirs"], read.State.Entries);
        Assert.Equal(1, H.Metrics.Total("actors.storage.ambiguous_commits", "resolution", "conflict"));
    }
}
