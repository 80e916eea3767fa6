using Orleans.Storage;

namespace Actors.Persistence.Tests;

/// <summary>
/// The grain storage contract (the ground Orleans' persistence TestKit covers, in our own words) against a real
/// PostgreSQL server running SERIALIZABLE.
/// </summary>
[Trait("Category", "Storage")]
public sealed class ConformanceTests : IAsyncLifetime
{
    private StorageHarness _h = null!;

    public async Task InitializeAsync() => _h = await StorageHarness.CreateAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Reading_missing_state_gives_a_new_instance_without_etag()
    {
        var state = await _h.ReadAsync<Profile>(StorageHarness.Grain("missing"));

        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
        Assert.NotNull(state.State);
        Assert.Equal("", state.State.Name);
    }

    [Fact]
    public async Task Nested_state_round_trips()
    {
        var grain = StorageHarness.Grain("nested");
        var written = await _h.ReadAsync<Profile>(grain);
        written.State = new Profile
        {
            Name = "Aroha Ngata",
            Tags = ["year-11", "netball"],
            Scores = new() { ["maths"] = 87, ["english"] = 91 },
            Home = new Address("Whanganui", "NZ"),
            JoinedAt = new DateTimeOffset(2026, 2, 3, 8, 30, 0, TimeSpan.FromHours(13)),
            Hours = 12.75m,
        };
        await _h.Storage.WriteStateAsync("state", grain, written);

        var read = await _h.ReadAsync<Profile>(grain);

        Assert.True(read.RecordExists);
        Assert.Equal(written.ETag, read.ETag);
        Assert.Equal("Aroha Ngata", read.State.Name);
        Assert.Equal(["year-11", "netball"], read.State.Tags);
        Assert.Equal(91, read.State.Scores["english"]);
        Assert.Equal(new Address("Whanganui", "NZ"), read.State.Home);
        Assert.Equal(written.State.JoinedAt, read.State.JoinedAt);
        Assert.Equal(12.75m, read.State.Hours);
    }

    [Fact]
    public async Task State_is_stored_as_queryable_jsonb_without_dotnet_type_names()
    {
        var grain = StorageHarness.Grain("queryable");
        var state = await _h.ReadAsync<Profile>(grain);
        state.State.Name = "Mere";
        state.State.Home = new Address("Napier", "NZ");
        await _h.Storage.WriteStateAsync("state", grain, state);

        var city = await _h.Database.ScalarAsync(
            "SELECT state->'home'->>'city' FROM orleans_grain_state WHERE grain_key = 'queryable' AND jsonb_typeof(state) = 'object'");
        var row = await _h.RowAsync(grain);

        Assert.Equal("Napier", city);
        Assert.DoesNotContain("Actors.Persistence.Tests", row!.Value.Json);
    }

    [Fact]
    public async Task Clear_leaves_a_tombstone_and_versions_keep_growing()
    {
        var grain = StorageHarness.Grain("cleared");
        var state = await _h.ReadAsync<Profile>(grain);
        state.State.Name = "to be cleared";
        await _h.Storage.WriteStateAsync("state", grain, state);
        Assert.Equal("1", state.ETag);

        await _h.Storage.ClearStateAsync("state", grain, state);

        Assert.Equal("2", state.ETag);
        Assert.False(state.RecordExists);
        var read = await _h.ReadAsync<Profile>(grain);
        Assert.False(read.RecordExists);
        Assert.Equal("", read.State.Name);
        Assert.Equal("2", read.ETag);
        Assert.Equal((2L, (string?)null), (await _h.RowAsync(grain))!.Value);

        // Writing after a clear continues the version sequence: an ETag from before the clear can never match again.
        read.State.Name = "back";
        await _h.Storage.WriteStateAsync("state", grain, read);
        Assert.Equal("3", read.ETag);
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_is_refused_and_changes_nothing()
    {
        var grain = StorageHarness.Grain("stale");
        var first = await _h.ReadAsync<Profile>(grain);
        first.State.Name = "v1";
        await _h.Storage.WriteStateAsync("state", grain, first);
        var stale = await _h.ReadAsync<Profile>(grain);
        first.State.Name = "v2";
        await _h.Storage.WriteStateAsync("state", grain, first);

        stale.State.Name = "lost update";
        var e = await Assert.ThrowsAsync<InconsistentStateException>(() => _h.Storage.WriteStateAsync("state", grain, stale));

        Assert.Equal("2", e.StoredEtag);
        Assert.Equal("v2", (await _h.ReadAsync<Profile>(grain)).State.Name);
        Assert.Equal(1, _h.Metrics.Total("actors.storage.conflicts"));
    }

    [Fact]
    public async Task A_clear_with_a_stale_etag_is_refused()
    {
        var grain = StorageHarness.Grain("stale-clear");
        var state = await _h.ReadAsync<Profile>(grain);
        await _h.Storage.WriteStateAsync("state", grain, state);
        var stale = await _h.ReadAsync<Profile>(grain);
        await _h.Storage.WriteStateAsync("state", grain, state);

        await Assert.ThrowsAsync<InconsistentStateException>(() => _h.Storage.ClearStateAsync("state", grain, stale));
        Assert.True((await _h.ReadAsync<Profile>(grain)).RecordExists);
    }

    [Fact]
    public async Task A_second_first_write_is_refused()
    {
        var grain = StorageHarness.Grain("duplicate-insert");
        var one = await _h.ReadAsync<Profile>(grain);
        var two = await _h.ReadAsync<Profile>(grain);
        one.State.Name = "first";
        two.State.Name = "second";

        await _h.Storage.WriteStateAsync("state", grain, one);
        await Assert.ThrowsAsync<InconsistentStateException>(() => _h.Storage.WriteStateAsync("state", grain, two));

        Assert.Equal("first", (await _h.ReadAsync<Profile>(grain)).State.Name);
    }

    [Fact]
    public async Task An_etag_the_provider_never_issued_is_refused()
    {
        var grain = StorageHarness.Grain("foreign-etag");
        var state = await _h.ReadAsync<Profile>(grain);
        state.ETag = "W/\"abc\"";

        await Assert.ThrowsAsync<InconsistentStateException>(() => _h.Storage.WriteStateAsync("state", grain, state));
    }

    [Fact]
    public async Task State_names_of_one_grain_are_separate_rows()
    {
        var grain = StorageHarness.Grain("two-states");
        var a = await _h.ReadAsync<Profile>(grain, "a");
        a.State.Name = "A";
        await _h.Storage.WriteStateAsync("a", grain, a);

        var b = await _h.ReadAsync<Profile>(grain, "b");

        Assert.False(b.RecordExists);
        Assert.Equal("A", (await _h.ReadAsync<Profile>(grain, "a")).State.Name);
    }

    [Fact]
    public async Task Polymorphic_state_survives_jsonb_reordering_its_keys()
    {
        var grain = StorageHarness.Grain("polymorphic");
        var state = await _h.ReadAsync<Marks>(grain);
        state.State.Items = [new Highlight { Id = 1, Colour = "yellow" }, new Comment { Id = 2, Text = "see p. 4" }];
        await _h.Storage.WriteStateAsync("state", grain, state);

        // JSONB sorts keys (shorter first), so "id" now comes before "$type": the case System.Text.Json rejects by default.
        var stored = (await _h.RowAsync(grain))!.Value.Json!;
        Assert.Contains("{\"id\": 1, \"$type\": \"highlight\"", stored);

        var read = await _h.ReadAsync<Marks>(grain);
        Assert.Equal("yellow", Assert.IsType<Highlight>(read.State.Items[0]).Colour);
        Assert.Equal("see p. 4", Assert.IsType<Comment>(read.State.Items[1]).Text);
    }

    [Fact]
    public async Task A_hundred_grains_written_ten_times_each_in_parallel()
    {
        const int Grains = 100, Writes = 10;

        await Parallel.ForEachAsync(Enumerable.Range(0, Grains), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (g, _) =>
        {
            var grain = StorageHarness.Grain($"parallel-{g}");
            var state = await _h.ReadAsync<Ledger>(grain);
            for (var w = 0; w < Writes; w++)
            {
                state.State.Entries.Add($"{g}:{w}");
                await _h.Storage.WriteStateAsync("state", grain, state);
            }
        });

        for (var g = 0; g < Grains; g++)
        {
            var read = await _h.ReadAsync<Ledger>(StorageHarness.Grain($"parallel-{g}"));
            Assert.Equal(Writes.ToString(), read.ETag);
            Assert.Equal(Enumerable.Range(0, Writes).Select(w => $"{g}:{w}"), read.State.Entries);
        }

        Assert.Equal(Grains * Writes, _h.Metrics.Total("actors.storage.operations", "operation", "write"));
    }
}
