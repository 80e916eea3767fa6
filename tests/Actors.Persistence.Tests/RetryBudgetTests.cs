using Actors.Testing;
using Actors.Persistence.CockroachDb.Storage;
using Npgsql;

namespace Actors.Persistence.Tests;

/// <summary>
/// <c>Retry.TotalBudget</c> bounds a whole storage call, so that a budget below the grain call timeout really means
/// the caller hears the storage's answer: an attempt stuck on a lock or on an exhausted pool is cut off when the
/// budget runs out, not when Npgsql's own timeouts (30 s, or none) would end it.
/// </summary>
[Trait("Category", "Storage")]
public sealed class RetryBudgetTests
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(2);

    // Far beyond the budget: only a call that ignores the budget gets anywhere near it.
    private static readonly TimeSpan Hung = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task A_write_blocked_on_a_row_lock_fails_within_the_budget_and_changes_nothing()
    {
        var database = await PostgresServer.CreateDatabaseAsync("budget");
        await using var h = await StorageHarness.CreateAsync(database, o =>
        {
            o.ConnectionString = database.With(b => b.CommandTimeout = 0); // Npgsql would wait for ever
            o.Retry.TotalBudget = Budget;
        });
        var grain = StorageHarness.Grain("locked");
        var state = await h.ReadAsync<Ledger>(grain);
        state.State.Entries.Add("first");
        await h.Storage.WriteStateAsync("state", grain, state);

        // Another transaction holds the row's lock and does not let go while the write runs.
        await using var blocker = new NpgsqlConnection(database.ConnectionString);
        await blocker.OpenAsync();
        await using var lockTx = await blocker.BeginTransactionAsync();
        await using (var lockRow = new NpgsqlCommand("SELECT version FROM orleans_grain_state WHERE grain_key = 'locked' FOR UPDATE", blocker, lockTx))
        {
            await lockRow.ExecuteScalarAsync();
        }

        state.State.Entries.Add("blocked");
        var e = await Assert.ThrowsAsync<CockroachStorageException>(() => h.Storage.WriteStateAsync("state", grain, state).WaitAsync(Hung));

        Assert.True(e.IsTransient);
        Assert.Contains("retry budget", e.Message);
        await lockTx.RollbackAsync();
        Assert.Equal((1L, """{"entries": ["first"]}"""), (await h.RowAsync(grain))!.Value);
    }
}
