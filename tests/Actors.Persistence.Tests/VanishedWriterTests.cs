using Actors.Persistence.CockroachDb.Storage;
using Npgsql;

namespace Actors.Persistence.Tests;

/// <summary>
/// A silo whose host vanishes between a write's UPDATE and its COMMIT leaves the transaction open on the server, the
/// row locked, and nobody to end it: the server only notices the dead connection after its TCP timeouts (minutes).
/// The grain's new activation on another silo must still be able to write: the storage's connections carry
/// <c>idle_in_transaction_session_timeout</c>, so the server ends the orphaned transaction itself.
/// </summary>
[Trait("Category", "Storage")]
public sealed class VanishedWriterTests
{
    private static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task A_write_left_uncommitted_by_a_vanished_silo_does_not_block_the_next_activations_write()
    {
        await using var survivor = await StorageHarness.CreateAsync(configure: o => o.IdleInTransactionTimeout = IdleTimeout);
        var grain = StorageHarness.Grain("vanished-writer");
        var first = await survivor.ReadAsync<Ledger>(grain);
        first.State.Entries.Add("before");
        await survivor.Storage.WriteStateAsync("state", grain, first);

        // The vanished silo: a connection as the storage makes it, a transaction that updated the row and then went
        // silent, never to COMMIT or close.
        await using var vanished = new NpgsqlConnection(SessionSettings.Apply(survivor.Database.ConnectionString, IdleTimeout));
        await vanished.OpenAsync();
        await using var transaction = await vanished.BeginTransactionAsync();
        await using (var update = new NpgsqlCommand(
            "UPDATE orleans_grain_state SET state = '{\"entries\":[\"lost\"]}', version = version + 1 WHERE grain_key = 'vanished-writer'", vanished, transaction))
        {
            Assert.Equal(1, await update.ExecuteNonQueryAsync());
        }

        // The new activation reads the last committed state and writes; without the server-side timeout this waits
        // on the row lock until Npgsql's command timeout (30 s) and the storage gives up.
        var next = await survivor.ReadAsync<Ledger>(grain);
        Assert.Equal(["before"], next.State.Entries);
        next.State.Entries.Add("after");
        await survivor.Storage.WriteStateAsync("state", grain, next).WaitAsync(TimeSpan.FromSeconds(20));

        var row = await survivor.RowAsync(grain);
        Assert.Equal(long.Parse(first.ETag!) + 1, row?.Version);
        Assert.Contains("after", row?.Json, StringComparison.Ordinal);
        Assert.DoesNotContain("lost", row?.Json, StringComparison.Ordinal);

        // The server ended the vanished silo's session: its COMMIT, should it ever arrive, cannot apply.
        await Assert.ThrowsAnyAsync<Exception>(() => transaction.CommitAsync());
    }

    [Theory]
    [InlineData("Host=db;Database=actors", 5000, "-c idle_in_transaction_session_timeout=5000")]
    [InlineData("Host=db;Options=-c search_path=app", 250, "-c search_path=app -c idle_in_transaction_session_timeout=250")]
    [InlineData("Host=db;Options=-c idle_in_transaction_session_timeout=9000", 5000, "-c idle_in_transaction_session_timeout=9000")]
    [InlineData("Host=db", 0, null)]
    public void The_idle_in_transaction_timeout_is_added_to_the_connection_options_unless_set_or_zero(string connectionString, int milliseconds, string? options)
    {
        var applied = new NpgsqlConnectionStringBuilder(SessionSettings.Apply(connectionString, TimeSpan.FromMilliseconds(milliseconds)));
        Assert.Equal(options, applied.Options);
    }
}
