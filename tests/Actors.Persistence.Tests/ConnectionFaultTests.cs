namespace Actors.Persistence.Tests;

/// <summary>
/// Backends killed with <c>pg_terminate_backend</c> while writes run — what a CockroachDB node drain or an
/// operator does to live connections. Every write must still succeed through retries on fresh connections.
/// </summary>
[Trait("Category", "Fault")]
public sealed class ConnectionFaultTests : IAsyncLifetime
{
    private StorageHarness _h = null!;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Writes_survive_their_connections_being_killed(bool batching)
    {
        _h = await StorageHarness.CreateAsync(configure: o => o.Batching.Enabled = batching);
        const int Grains = 16, Writes = 25;
        using var stopKilling = new CancellationTokenSource();
        var killed = 0;
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        var killer = Task.Run(async () =>
        {
            while (!stopKilling.IsCancellationRequested)
            {
                killed += await _h.Database.TerminateConnectionsAsync();
                await Task.Delay(200);
            }
        });

        await Task.WhenAll(Enumerable.Range(0, Grains).Select(g => Task.Run(async () =>
        {
            var grain = StorageHarness.Grain($"drained-{g}");
            var state = await _h.ReadAsync<Ledger>(grain);
            for (var w = 0; w < Writes; w++)
            {
                state.State.Entries.Add($"{g}:{w}");
                try
                {
                    await _h.Storage.WriteStateAsync("state", grain, state);
                }
                catch (Exception e)
                {
                    failures.Add($"{g}:{w} {e.GetType().Name}: {e.Message}");
                    return;
                }
            }
        })));

        await stopKilling.CancelAsync();
        await killer;
        Assert.True(failures.IsEmpty, string.Join("\n", failures));

        for (var g = 0; g < Grains; g++)
        {
            var read = await _h.ReadAsync<Ledger>(StorageHarness.Grain($"drained-{g}"));
            Assert.Equal(Enumerable.Range(0, Writes).Select(w => $"{g}:{w}"), read.State.Entries);
            Assert.Equal(Writes.ToString(), read.ETag);
        }

        Assert.True(killed > 0, "the test should have killed connections");
        Assert.True(_h.Metrics.Total("actors.storage.retries", "cause", "connection") + _h.Metrics.Total("actors.storage.retries", "cause", "ambiguous") > 0,
            "killed connections should have been retried");
        Console.WriteLine($"connection faults (batching {(batching ? "on" : "off")}): {Grains * Writes} writes acknowledged in " +
            $"{_h.Metrics.Total("actors.storage.batch_size|count")} transactions, {killed} backends killed, " +
            $"{_h.Metrics.Total("actors.storage.retries", "cause", "connection")} connection retries, " +
            $"{_h.Metrics.Total("actors.storage.ambiguous_commits")} ambiguous commits resolved");
    }
}
