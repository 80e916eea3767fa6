using Actors.Persistence.CockroachDb.Storage;
using Actors.Testing;
using Npgsql;

namespace Actors.Persistence.Tests;

/// <summary>
/// A write is one SERIALIZABLE transaction sent in one round trip (statement and COMMIT in one batch), on a pooled
/// connection that is not reset between uses, with its statements prepared once. Counted on the wire by a proxy.
/// </summary>
[Trait("Category", "Storage")]
public sealed class RoundTripTests() : ProxiedStorageTests("roundtrips")
{
    [Fact]
    public async Task First_writes_updates_and_clears_each_take_one_round_trip()
    {
        // A connection prepares each statement once, in a round trip of its own; the pool keeps it prepared.
        var warmUp = StorageHarness.Grain("warm-up");
        var warm = await H.ReadAsync<Ledger>(warmUp);
        await H.Storage.WriteStateAsync("state", warmUp, warm);
        await H.Storage.WriteStateAsync("state", warmUp, warm);
        var grain = StorageHarness.Grain("one-trip");
        var state = await H.ReadAsync<Ledger>(grain);

        state.State.Entries.Add("first");
        Assert.Equal(1, await RoundTripsOfAsync(() => H.Storage.WriteStateAsync("state", grain, state)));
        state.State.Entries.Add("second");
        Assert.Equal(1, await RoundTripsOfAsync(() => H.Storage.WriteStateAsync("state", grain, state)));
        Assert.Equal(1, await RoundTripsOfAsync(() => H.Storage.ClearStateAsync("state", grain, state)));
        Assert.Equal(1, await RoundTripsOfAsync(() => H.Storage.ReadStateAsync("state", grain, state)));
        Assert.Equal("3", state.ETag);
    }

    [Fact]
    public async Task Pooled_connections_are_not_reset_and_statements_are_prepared_once()
    {
        var grain = StorageHarness.Grain("prepared");
        var state = await H.ReadAsync<Ledger>(grain);
        for (var i = 0; i < 8; i++)
        {
            state.State.Entries.Add($"warm-up {i}");
            await H.Storage.WriteStateAsync("state", grain, state);
        }

        var resets = Proxy.Watch("DISCARD");
        var updateTexts = Proxy.Watch("UPDATE orleans_grain_state");
        var keys = Proxy.Watch("prepared");
        for (var i = 0; i < 5; i++)
        {
            state.State.Entries.Add($"measured {i}");
            await H.Storage.WriteStateAsync("state", grain, state);
        }

        Assert.Equal(5, keys()); // the writes did go through the proxy
        Assert.Equal(0, resets());
        Assert.Equal(0, updateTexts());
    }

    [Theory]
    [InlineData("Host=db", true, ConnectionSettings.DefaultMaxAutoPrepare)]
    [InlineData("Host=db;No Reset On Close=false;Max Auto Prepare=0", false, 0)]
    [InlineData("Host=db;noresetonclose=false;maxautoprepare=4", false, 4)]
    public void The_provider_turns_the_settings_on_unless_the_connection_string_sets_them(string given, bool noReset, int maxAutoPrepare)
    {
        var used = new NpgsqlConnectionStringBuilder(ConnectionSettings.WithProviderDefaults(given));

        Assert.Equal(noReset, used.NoResetOnClose);
        Assert.Equal(maxAutoPrepare, used.MaxAutoPrepare);
    }

    private async Task<int> RoundTripsOfAsync(Func<Task> operation)
    {
        var before = Proxy.RoundTrips;
        await operation();
        return Proxy.RoundTrips - before;
    }
}
