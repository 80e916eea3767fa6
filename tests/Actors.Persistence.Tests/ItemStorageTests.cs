using Actors.Contracts.Collections;
using Actors.Persistence.CockroachDb.Providers;
using Actors.Testing;
using Orleans.Storage;

namespace Actors.Persistence.Tests;

/// <summary>
/// Collections stored one row per item: a write carries only the items that changed (the others keep the write id
/// that last wrote them), reads put the state together again, an operator finds items with one SQL statement, a
/// stale ETag writes no item, and rows stored whole before keep working and move to item rows on their next write.
/// </summary>
[Trait("Category", "Storage")]
public sealed class ItemStorageTests : IAsyncLifetime
{
    private StorageHarness _h = null!;

    public async Task InitializeAsync() => _h = await StorageHarness.CreateAsync(configure: Sheet.Itemize);

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Adding_one_item_to_many_writes_that_item_and_the_small_state_row_only()
    {
        var grain = StorageHarness.Grain("big");
        var state = await _h.ReadAsync<Sheet>(grain);
        var sheet = state.State with { Title = "Handout" };
        for (var i = 0; i < 500; i++)
        {
            sheet = sheet.Add($"n{i}", $"student-{i % 7}", $"note {i} " + new string('x', 200));
        }

        state.State = sheet;
        await _h.Storage.WriteStateAsync("state", grain, state);
        state.State = state.State.Add("n500", "student-1", "one more");
        await _h.Storage.WriteStateAsync("state", grain, state);

        Assert.Equal("2", state.ETag);
        Assert.Equal(501L, await ItemCountAsync("big", "notes"));
        // Only the added item carries the last write's id: the other 500 were not rewritten.
        Assert.Equal(1L, await _h.Database.ScalarAsync(
            "SELECT count(*) FROM orleans_grain_state_items i JOIN orleans_grain_state t USING (service_id, grain_type, grain_key, state_name) WHERE i.grain_key = 'big' AND i.write_id = t.write_id"));
        // The state row holds the rest of the state, not the items.
        var row = (await _h.RowAsync(grain))!.Value;
        Assert.DoesNotContain("note 1", row.Json);
        Assert.Contains("Handout", row.Json);

        var read = await _h.ReadAsync<Sheet>(grain);
        Assert.Equal("2", read.ETag);
        Assert.Equal(501, read.State.Notes.Count);
        Assert.Equal(new Note("n500", "student-1", "one more"), read.State.Notes["n500"]);
        Assert.Equal(state.State.Notes["n42"], read.State.Notes["n42"]);
        Assert.Equal(501, read.State.LastSequence);
    }

    [Fact]
    public async Task Edits_deletes_and_clear_change_exactly_their_items()
    {
        var grain = StorageHarness.Grain("edits");
        var state = await _h.ReadAsync<Sheet>(grain);
        state.State = state.State.Add("a", "ana", "first").Add("b", "ben", "second").Add("c", "cai", "third");
        await _h.Storage.WriteStateAsync("state", grain, state);

        state.State = state.State.Delete("b") with { Notes = state.State.Notes.Remove("b").SetItem("a", new Note("a", "ana", "edited")) };
        await _h.Storage.WriteStateAsync("state", grain, state);

        var read = await _h.ReadAsync<Sheet>(grain);
        Assert.Equal(["a", "c"], read.State.Notes.Keys.Order());
        Assert.Equal("edited", read.State.Notes["a"].Text);
        Assert.Equal("ben", read.State.Removed["b"]);
        Assert.Equal(2L, await ItemCountAsync("edits", "notes"));

        await _h.Storage.ClearStateAsync("state", grain, state);
        Assert.Equal(0L, await _h.Database.ScalarAsync("SELECT count(*) FROM orleans_grain_state_items WHERE grain_key = 'edits'"));
        var cleared = await _h.ReadAsync<Sheet>(grain);
        Assert.False(cleared.RecordExists);
        Assert.Empty(cleared.State.Notes);
        Assert.Equal("3", cleared.ETag);
    }

    [Fact]
    public async Task An_operator_finds_items_by_author_with_one_statement()
    {
        for (var d = 0; d < 3; d++)
        {
            var grain = StorageHarness.Grain($"doc-{d}");
            var state = await _h.ReadAsync<Sheet>(grain);
            state.State = state.State.Add($"x{d}", "mere", $"by mere on {d}").Add($"y{d}", "tama", "by tama");
            await _h.Storage.WriteStateAsync("state", grain, state);
        }

        var found = await _h.Database.ScalarAsync(
            "SELECT string_agg(grain_key || ':' || (item->>'text'), ',' ORDER BY grain_key) FROM orleans_grain_state_items WHERE collection = 'notes' AND item->>'authorId' = 'mere'");

        Assert.Equal("doc-0:by mere on 0,doc-1:by mere on 1,doc-2:by mere on 2", found);
    }

    [Fact]
    public async Task A_stale_etag_writes_no_item()
    {
        var grain = StorageHarness.Grain("stale");
        var state = await _h.ReadAsync<Sheet>(grain);
        state.State = state.State.Add("a", "ana", "first");
        await _h.Storage.WriteStateAsync("state", grain, state);
        var other = await _h.ReadAsync<Sheet>(grain);
        other.State = other.State.Add("b", "ben", "theirs");
        await _h.Storage.WriteStateAsync("state", grain, other);

        state.State = state.State.Add("c", "cai", "ours");
        await Assert.ThrowsAsync<InconsistentStateException>(() => _h.Storage.WriteStateAsync("state", grain, state));

        var read = await _h.ReadAsync<Sheet>(grain);
        Assert.Equal(["a", "b"], read.State.Notes.Keys.Order());
        Assert.Equal(2L, await ItemCountAsync("stale", "notes"));
    }

    [Fact]
    public async Task A_state_object_the_provider_has_not_seen_replaces_the_stored_items()
    {
        var grain = StorageHarness.Grain("replaced");
        var state = await _h.ReadAsync<Sheet>(grain);
        state.State = state.State.Add("a", "ana", "1").Add("b", "ben", "2");
        await _h.Storage.WriteStateAsync("state", grain, state);

        // A new IGrainState object (not read through this provider) with the same ETag: nothing is known of what the
        // item rows hold, so they are replaced, and "b" (absent here) must go.
        var fresh = new StoredState<Sheet> { ETag = state.ETag, State = new Sheet().Add("a", "ana", "1").Add("c", "cai", "3") };
        await _h.Storage.WriteStateAsync("state", grain, fresh);

        var read = await _h.ReadAsync<Sheet>(grain);
        Assert.Equal(["a", "c"], read.State.Notes.Keys.Order());
    }

    [Fact]
    public async Task A_row_stored_whole_before_is_read_and_moves_to_item_rows_on_its_next_write()
    {
        // A row as a provider without StoreItemsSeparately wrote it (as every row is stored today): the items inside.
        await _h.Database.ScalarAsync(
            """
            INSERT INTO orleans_grain_state (service_id, grain_type, grain_key, state_name, version, state, write_id)
            VALUES ($1, 'student', 'legacy', 'state', 7,
                    '{"title": "old", "lastSequence": 2, "notes": {"a": {"id": "a", "authorId": "ana", "text": "from before"},
                                                                   "b": {"id": "b", "authorId": "ben", "text": "also before"}}}',
                    gen_random_uuid())
            """, StorageHarness.ServiceId);

        var state = await _h.ReadAsync<Sheet>(StorageHarness.Grain("legacy"));
        Assert.Equal(["a", "b"], state.State.Notes.Keys.Order());
        Assert.Equal("7", state.ETag);
        Assert.Empty(state.State.Removed);
        Assert.Equal(0L, await ItemCountAsync("legacy", "notes"));

        state.State = state.State.Add("c", "cai", "new");
        await _h.Storage.WriteStateAsync("state", StorageHarness.Grain("legacy"), state);

        Assert.Equal(3L, await ItemCountAsync("legacy", "notes"));
        Assert.DoesNotContain("from before", (await _h.RowAsync(StorageHarness.Grain("legacy")))!.Value.Json);
        var read = await _h.ReadAsync<Sheet>(StorageHarness.Grain("legacy"));
        Assert.Equal(["a", "b", "c"], read.State.Notes.Keys.Order());
        Assert.Equal("from before", read.State.Notes["a"].Text);
        Assert.Equal("old", read.State.Title);
        Assert.Equal("8", read.ETag);
    }

    [Fact]
    public async Task Grains_batched_together_each_write_their_own_items_and_a_conflict_writes_none()
    {
        await using var h = await StorageHarness.CreateAsync(configure: o =>
        {
            BatchingTests.Batched(o);
            Sheet.Itemize(o);
        });
        var states = await Task.WhenAll(Enumerable.Range(0, BatchingTests.Grains).Select(g => h.ReadAsync<Sheet>(StorageHarness.Grain($"b-{g}"))));
        await Task.WhenAll(states.Select((s, g) =>
        {
            s.State = s.State.Add("first", $"a{g}", "first");
            return h.Storage.WriteStateAsync("state", StorageHarness.Grain($"b-{g}"), s);
        }));
        await BatchingTests.MakeStaleAsync(h, "b-2");

        var writes = states.Select((s, g) =>
        {
            s.State = s.State.Add("second", $"a{g}", "second");
            return h.Storage.WriteStateAsync("state", StorageHarness.Grain($"b-{g}"), s);
        }).ToArray();

        await Assert.ThrowsAsync<InconsistentStateException>(() => writes[2]);
        await Task.WhenAll(writes.Where((_, g) => g != 2));
        Assert.Equal(2, h.Metrics.Total("actors.storage.batch_size|count"));
        for (var g = 0; g < BatchingTests.Grains; g++)
        {
            var read = await h.ReadAsync<Sheet>(StorageHarness.Grain($"b-{g}"));
            Assert.Equal(g == 2 ? ["first"] : ["first", "second"], read.State.Notes.Keys.Order());
        }
    }

    [Fact]
    public async Task Concurrent_writers_on_few_grains_lose_and_double_no_item()
    {
        const int Rows = 3, Writers = 12, AddsPerWriter = 6;
        await using var h = await StorageHarness.CreateAsync(configure: o =>
        {
            Sheet.Itemize(o);
            o.Retry.MaxAttempts = 50;
            o.Retry.TotalBudget = TimeSpan.FromSeconds(25);
        });
        var acknowledged = new System.Collections.Concurrent.ConcurrentBag<(int Row, string Id)>();
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            var grain = StorageHarness.Grain($"many-{w % Rows}");
            for (var i = 0; i < AddsPerWriter; i++)
            {
                var id = $"w{w}-{i}";
                while (true)
                {
                    // A fresh activation each round, as after a conflict: read, change, write.
                    var state = await h.ReadAsync<Sheet>(grain);
                    state.State = state.State.Add(id, $"w{w}", id);
                    if (i > 0)
                    {
                        state.State = state.State.Delete($"w{w}-{i - 1}"); // and a delete, so rows also go
                    }

                    try
                    {
                        await h.Storage.WriteStateAsync("state", grain, state);
                        acknowledged.Add((w % Rows, id));
                        break;
                    }
                    catch (InconsistentStateException)
                    {
                    }
                }
            }
        })));

        for (var r = 0; r < Rows; r++)
        {
            var read = await h.ReadAsync<Sheet>(StorageHarness.Grain($"many-{r}"));
            var writers = Enumerable.Range(0, Writers).Where(w => w % Rows == r).ToList();
            // Each writer's last add is live, its earlier ones deleted; every acknowledged write counted once in the sequence.
            Assert.Equal(writers.Select(w => $"w{w}-{AddsPerWriter - 1}").Order(), read.State.Notes.Keys.Order());
            Assert.Equal(writers.SelectMany(w => Enumerable.Range(0, AddsPerWriter - 1).Select(i => $"w{w}-{i}")).Order(), read.State.Removed.Keys.Order());
            Assert.Equal(acknowledged.Count(a => a.Row == r) * 2 - writers.Count, read.State.LastSequence);
            Assert.Equal((long)writers.Count, await h.Database.ScalarAsync(
                "SELECT count(*) FROM orleans_grain_state_items WHERE grain_key = $1 AND collection = 'notes'", $"many-{r}"));
        }

        Assert.Equal(Writers * AddsPerWriter, acknowledged.Count);
    }

    [Fact]
    public async Task A_write_traced_through_its_changes_writes_what_differs_from_the_stored_items()
    {
        var grain = StorageHarness.Grain("traced");
        var state = await _h.ReadAsync<Sheet>(grain);
        state.State = state.State.Add("a", "ana", "1").Add("b", "ben", "2").Add("c", "cai", "3");
        await _h.Storage.WriteStateAsync("state", grain, state);
        var a = state.State.Notes["a"];

        // "a" edited and changed back to the stored object, "b" removed, "c" edited, "d" added, "e" added and removed.
        var notes = state.State.Notes.SetItem("a", a with { Text = "draft" }).SetItem("a", a).Remove("b")
            .SetItem("c", new Note("c", "cai", "3'")).Add("d", new Note("d", "dan", "4")).Add("e", new Note("e", "eve", "5")).Remove("e");
        state.State = state.State with { Notes = notes };
        await _h.Storage.WriteStateAsync("state", grain, state);

        Assert.Equal(["c", "d"], await ItemsOfLastWriteAsync("traced"));
        var read = await _h.ReadAsync<Sheet>(grain);
        Assert.Equal(["a", "c", "d"], read.State.Notes.Keys.Order());
        Assert.Equal("3'", read.State.Notes["c"].Text);
    }

    [Fact]
    public async Task A_collection_built_anew_is_compared_item_by_item()
    {
        var grain = StorageHarness.Grain("rebuilt");
        var state = await _h.ReadAsync<Sheet>(grain);
        state.State = state.State.Add("a", "ana", "1").Add("b", "ben", "2");
        await _h.Storage.WriteStateAsync("state", grain, state);

        // No history leads back to the stored collection: every key of both is looked at, and "b" must go.
        var rebuilt = TrackedDictionary<Note>.From([new("a", state.State.Notes["a"]), new("e", new Note("e", "eve", "5"))]);
        state.State = state.State with { Notes = rebuilt };
        await _h.Storage.WriteStateAsync("state", grain, state);

        Assert.Equal(["e"], await ItemsOfLastWriteAsync("rebuilt"));
        Assert.Equal(["a", "e"], (await _h.ReadAsync<Sheet>(grain)).State.Notes.Keys.Order());
    }

    [Fact]
    public async Task Changes_beyond_the_remembered_history_are_all_written()
    {
        var grain = StorageHarness.Grain("long-history");
        var state = await _h.ReadAsync<Sheet>(grain);
        state.State = state.State.Add("gone", "ana", "stored").Add("kept", "ben", "stored");
        await _h.Storage.WriteStateAsync("state", grain, state);

        // The first change (a removal) falls out of the history: the write must still find it.
        var notes = state.State.Notes.Remove("gone");
        for (var i = 0; i <= TrackedDictionary<Note>.MaxHistory; i++)
        {
            notes = notes.SetItem($"n{i % 10}", new Note($"n{i % 10}", "cai", $"{i}"));
        }

        state.State = state.State with { Notes = notes };
        await _h.Storage.WriteStateAsync("state", grain, state);

        var read = await _h.ReadAsync<Sheet>(grain);
        Assert.Equal(["kept", .. Enumerable.Range(0, 10).Select(i => $"n{i}")], read.State.Notes.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(11L, await ItemCountAsync("long-history", "notes"));
    }

    [Fact]
    public async Task After_a_failed_write_the_next_write_of_the_same_changes_stores_them()
    {
        var grain = StorageHarness.Grain("after-failure");
        var state = await _h.ReadAsync<Sheet>(grain);
        state.State = state.State.Add("a", "ana", "1").Add("b", "ben", "2");
        await _h.Storage.WriteStateAsync("state", grain, state);
        var etag = state.ETag;

        // Refused (stale ETag), then written again as it is once the ETag is right: the refused attempt stored nothing,
        // so the retry must still carry "c" and the removal of "b".
        state.State = state.State.Add("c", "cai", "3");
        state.State = state.State with { Notes = state.State.Notes.Remove("b") };
        state.ETag = "99";
        await Assert.ThrowsAsync<InconsistentStateException>(() => _h.Storage.WriteStateAsync("state", grain, state));
        state.ETag = etag;
        await _h.Storage.WriteStateAsync("state", grain, state);

        Assert.Equal(["a", "c"], (await _h.ReadAsync<Sheet>(grain)).State.Notes.Keys.Order());
        Assert.Equal(2L, await ItemCountAsync("after-failure", "notes"));
    }

    /// <summary>The keys of the items the grain's last write wrote (their write id is the state row's).</summary>
    private async Task<string[]> ItemsOfLastWriteAsync(string grainKey)
    {
        var keys = (string?)await _h.Database.ScalarAsync(
            "SELECT string_agg(i.item_key, ',' ORDER BY i.item_key) FROM orleans_grain_state_items i JOIN orleans_grain_state t USING (service_id, grain_type, grain_key, state_name) WHERE i.grain_key = $1 AND i.write_id = t.write_id",
            grainKey);
        return keys?.Split(',') ?? [];
    }

    private async Task<long> ItemCountAsync(string grainKey, string collection)
        => (long)(await _h.Database.ScalarAsync("SELECT count(*) FROM orleans_grain_state_items WHERE grain_key = $1 AND collection = $2", grainKey, collection))!;
}

/// <summary>A cut COMMIT of a write carrying item rows: the rerun settles it by write id and the items land exactly once.</summary>
[Trait("Category", "Fault")]
public sealed class ItemAmbiguityTests() : ProxiedStorageTests("items_ambiguous")
{
    protected override void Configure(CockroachGrainStorageOptions options) => Sheet.Itemize(options);

    [Theory]
    [InlineData(CommitCut.AfterCommit, "applied")]
    [InlineData(CommitCut.BeforeCommit, "not_applied")]
    public async Task Items_of_a_write_with_an_unknown_outcome_are_stored_once(CommitCut cut, string resolution)
    {
        var key = $"items-{resolution.Replace('_', '-')}";
        var grain = StorageHarness.Grain(key);
        var state = await H.ReadAsync<Sheet>(grain);
        state.State = state.State.Add("a", "ana", "first").Add("b", "ben", "to delete");
        await H.Storage.WriteStateAsync("state", grain, state);
        state.State = state.State.Add("c", "cai", "second").Delete("b");
        var cutDone = Proxy.ArmCommitCut(cut, cutAt: key);

        await H.Storage.WriteStateAsync("state", grain, state);

        await cutDone;
        Assert.Equal("2", state.ETag);
        var read = await H.ReadAsync<Sheet>(grain);
        Assert.Equal("2", read.ETag);
        Assert.Equal(["a", "c"], read.State.Notes.Keys.Order());
        Assert.Equal("ben", read.State.Removed["b"]);
        Assert.Equal(1, H.Metrics.Total("actors.storage.ambiguous_commits", "resolution", resolution));
    }
}
