using Actors.Persistence.CockroachDb.Storage;
using Orleans.Runtime;

namespace Actors.Persistence.Tests;

/// <summary>
/// Cross-grain read batching: reads of different grains that arrive together share a round trip, and each still
/// gets exactly its own row (and item rows), its own ETag, its own "missing" or its own error. One batch slot
/// (<c>MaxConcurrentBatches = 1</c>) makes the reads started together queue behind the first, so they batch.
/// </summary>
[Trait("Category", "Storage")]
public sealed class ReadBatchingTests : IAsyncLifetime
{
    private const string BatchSize = "actors.storage.read_batch_size";
    private StorageHarness _h = null!;

    public async Task InitializeAsync() => _h = await StorageHarness.CreateAsync(configure: o =>
    {
        Sheet.Itemize(o);
        o.Batching.MaxConcurrentBatches = 1;
    });

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Reads_arriving_together_share_round_trips_and_each_gets_its_own_state()
    {
        const int Sheets = 60, Ledgers = 30, Missing = 10, Cleared = 10;
        for (var s = 0; s < Sheets; s++)
        {
            var state = await _h.ReadAsync<Sheet>(SheetGrain(s));
            state.State = Enumerable.Range(0, s % 7).Aggregate(state.State with { Title = $"sheet {s}" }, (sheet, n) => sheet.Add($"n{n}", $"author-{s}", $"note {n} of {s}"));
            await _h.Storage.WriteStateAsync("state", SheetGrain(s), state);
            if (s % 3 == 0)
            {
                await _h.Storage.WriteStateAsync("state", SheetGrain(s), state); // version 2 for every third
            }
        }

        for (var l = 0; l < Ledgers + Cleared; l++)
        {
            var state = await _h.ReadAsync<Ledger>(LedgerGrain(l));
            state.State.Entries.Add($"ledger {l}");
            await _h.Storage.WriteStateAsync("state", LedgerGrain(l), state);
            if (l >= Ledgers)
            {
                await _h.Storage.ClearStateAsync("state", LedgerGrain(l), state);
            }
        }

        var batchesBefore = _h.Metrics.Total(BatchSize + "|count");
        var readsBefore = _h.Metrics.Total(BatchSize);

        // Started together, awaited together: the reads of both state types and of rows that do not exist interleave.
        var sheets = new List<Task<StoredState<Sheet>>>();
        var ledgers = new List<Task<StoredState<Ledger>>>();
        for (var i = 0; i < Sheets; i++)
        {
            sheets.Add(_h.ReadAsync<Sheet>(SheetGrain(i)));
            if (i < Ledgers + Cleared + Missing)
            {
                ledgers.Add(_h.ReadAsync<Ledger>(LedgerGrain(i)));
            }
        }

        var sheetReads = await Task.WhenAll(sheets);
        var ledgerReads = await Task.WhenAll(ledgers);

        for (var s = 0; s < Sheets; s++)
        {
            var read = sheetReads[s];
            Assert.True(read.RecordExists);
            Assert.Equal(s % 3 == 0 ? "2" : "1", read.ETag);
            Assert.Equal($"sheet {s}", read.State.Title);
            Assert.Equal(s % 7, read.State.Notes.Count);
            Assert.All(read.State.Notes.Values, note => Assert.Equal($"author-{s}", note.AuthorId));
        }

        for (var l = 0; l < Ledgers; l++)
        {
            Assert.Equal("1", ledgerReads[l].ETag);
            Assert.Equal([$"ledger {l}"], ledgerReads[l].State.Entries);
        }

        for (var l = Ledgers; l < Ledgers + Cleared; l++)
        {
            Assert.False(ledgerReads[l].RecordExists);
            Assert.Equal("2", ledgerReads[l].ETag); // the tombstone's version
            Assert.Empty(ledgerReads[l].State.Entries);
        }

        for (var l = Ledgers + Cleared; l < Ledgers + Cleared + Missing; l++)
        {
            Assert.False(ledgerReads[l].RecordExists);
            Assert.Null(ledgerReads[l].ETag);
        }

        var reads = Sheets + Ledgers + Cleared + Missing;
        var batches = _h.Metrics.Total(BatchSize + "|count") - batchesBefore;
        Assert.Equal(reads, _h.Metrics.Total(BatchSize) - readsBefore);
        Assert.True(batches <= reads / 4, $"{reads} reads started together took {batches} round trips");
    }

    [Fact]
    public async Task A_read_whose_items_do_not_deserialize_fails_alone_in_its_batch()
    {
        const int Sheets = 40, Broken = 17;
        for (var s = 0; s < Sheets; s++)
        {
            var state = await _h.ReadAsync<Sheet>(SheetGrain(s));
            state.State = state.State.Add("a", $"author-{s}", "first").Add("b", $"author-{s}", "second");
            await _h.Storage.WriteStateAsync("state", SheetGrain(s), state);
        }

        await _h.Database.ScalarAsync(
            "UPDATE orleans_grain_state_items SET item = '[1, 2]'::JSONB WHERE grain_key = $1 AND item_key = 'b'", SheetGrain(Broken).Key.ToString()!);
        var batchesBefore = _h.Metrics.Total(BatchSize + "|count");

        var reads = await Task.WhenAll(Enumerable.Range(0, Sheets).Select(async s =>
        {
            try
            {
                return (State: (StoredState<Sheet>?)await _h.ReadAsync<Sheet>(SheetGrain(s)), Error: (Exception?)null);
            }
            catch (Exception e)
            {
                return (State: (StoredState<Sheet>?)null, Error: (Exception?)e);
            }
        }));

        var error = Assert.IsType<CockroachStorageException>(reads[Broken].Error);
        Assert.Contains("cannot be read", error.Message);
        Assert.Contains(SheetGrain(Broken).Key.ToString()!, error.Message);
        for (var s = 0; s < Sheets; s++)
        {
            if (s != Broken)
            {
                Assert.Null(reads[s].Error);
                Assert.Equal(["a", "b"], reads[s].State!.State.Notes.Keys.Order());
            }
        }

        var batches = _h.Metrics.Total(BatchSize + "|count") - batchesBefore;
        Assert.True(batches <= Sheets / 4, $"{Sheets} reads started together took {batches} round trips, so the broken one may not have shared one");
        Assert.Equal(1, _h.Metrics.Total("actors.storage.failures", "operation", "read"));
    }

    [Fact]
    public async Task Batched_reads_survive_their_connections_being_killed()
    {
        const int Grains = 40, Rounds = 15;
        for (var g = 0; g < Grains; g++)
        {
            var state = await _h.ReadAsync<Sheet>(SheetGrain(g));
            state.State = state.State.Add("only", $"author-{g}", $"text {g}");
            await _h.Storage.WriteStateAsync("state", SheetGrain(g), state);
        }

        using var stopKilling = new CancellationTokenSource();
        var killed = 0;
        var killer = Task.Run(async () =>
        {
            while (!stopKilling.IsCancellationRequested)
            {
                killed += await _h.Database.TerminateConnectionsAsync();
                await Task.Delay(30);
            }
        });

        // Rounds of reads until some attempt has met a killed connection (a fast machine can read 15 rounds between
        // two kills), at least 15 of them, for at most 20 s.
        long ConnectionRetries() => _h.Metrics.Total("actors.storage.retries", "cause", "connection");
        var reading = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            for (var round = 0; round < Rounds || (ConnectionRetries() == 0 && reading.Elapsed < TimeSpan.FromSeconds(20)); round++)
            {
                var reads = await Task.WhenAll(Enumerable.Range(0, Grains).Select(g => _h.ReadAsync<Sheet>(SheetGrain(g))));
                for (var g = 0; g < Grains; g++)
                {
                    Assert.Equal("1", reads[g].ETag);
                    Assert.Equal($"text {g}", reads[g].State.Notes["only"].Text);
                }
            }
        }
        finally
        {
            await stopKilling.CancelAsync();
            await killer;
        }

        Assert.True(killed > 0, "the test should have killed connections");
        Assert.True(ConnectionRetries() > 0, "killed connections should have been retried");
        Assert.Equal(0, _h.Metrics.Total("actors.storage.failures"));
    }

    [Fact]
    public async Task With_read_batching_off_every_read_is_its_own_round_trip()
    {
        await using var unbatched = await StorageHarness.CreateAsync(configure: o =>
        {
            Sheet.Itemize(o);
            o.Batching.Reads = false;
        });
        var grain = SheetGrain(1);
        var state = await unbatched.ReadAsync<Sheet>(grain);
        state.State = state.State.Add("a", "ana", "first");
        await unbatched.Storage.WriteStateAsync("state", grain, state);

        var reads = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => unbatched.ReadAsync<Sheet>(grain)));

        Assert.All(reads, read => Assert.Equal("first", read.State.Notes["a"].Text));
        Assert.Equal(0, unbatched.Metrics.Total(BatchSize + "|count"));
        Assert.Equal(21, unbatched.Metrics.Total("actors.storage.operations", "operation", "read"));
    }

    private static GrainId SheetGrain(int i) => StorageHarness.Grain($"sheet-{i}");

    private static GrainId LedgerGrain(int i) => GrainId.Create("ledger", $"ledger-{i}");
}
