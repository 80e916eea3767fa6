using Actors.Persistence.CockroachDb.Resilience;
using Actors.Testing;
using Npgsql;
using Orleans;
using Orleans.Runtime;

namespace Actors.Clustering.Tests;

/// <summary>
/// Silos racing to change the table with the same version: exactly one wins, and the version moves exactly once.
/// Run under SERIALIZABLE (CockroachDB's default) and READ COMMITTED (which CockroachDB also offers), where only the
/// statements' row locks keep the insert or update and the version bump together.
/// </summary>
public sealed class MembershipConcurrencyTests
{
    private const int Racers = 8;

    [Theory]
    [InlineData("serializable")]
    [InlineData("read committed")]
    public async Task Racing_inserts_with_one_version_let_exactly_one_silo_in(string isolation)
    {
        await using var db = await CreateDatabaseAsync(isolation);
        await using var cluster = await MembershipTableHarness.StartAsync(db);
        var version = (await cluster.ReadAllAsync()).Version;

        var outcomes = await RaceAsync(_ => cluster.Table.InsertRowAsync(MembershipTableHarness.NewEntry(), version.Next(), CancellationToken.None));

        AssertOneWinner(outcomes, isolation);
        var table = await cluster.ReadAllAsync();
        Assert.Equal(version.Version + 1, table.Version.Version);
        Assert.Single(table.Members);
    }

    [Theory]
    [InlineData("serializable")]
    [InlineData("read committed")]
    public async Task Racing_updates_with_one_version_let_exactly_one_change_through(string isolation)
    {
        await using var db = await CreateDatabaseAsync(isolation);
        await using var cluster = await MembershipTableHarness.StartAsync(db);
        var entry = MembershipTableHarness.NewEntry();
        Assert.True(await cluster.InsertAsync(entry));
        var version = (await cluster.ReadAllAsync()).Version;
        var suspecters = Enumerable.Range(0, Racers).Select(_ => MembershipTableHarness.NewEntry().SiloAddress).ToArray();

        var outcomes = await RaceAsync(i => cluster.UpdateAsync(
            new MembershipEntry
            {
                SiloAddress = entry.SiloAddress,
                Status = SiloStatus.Active,
                SuspectTimes = [Tuple.Create(suspecters[i], DateTime.UtcNow)],
                IAmAliveTime = DateTime.UtcNow,
            },
            version));

        var winner = AssertOneWinner(outcomes, isolation);
        var table = await cluster.ReadAllAsync();
        Assert.Equal(version.Version + 1, table.Version.Version);
        var stored = Assert.Single(table.Members).Item1;
        Assert.Equal(SiloStatus.Active, stored.Status);
        Assert.Equal(suspecters[winner], Assert.Single(stored.SuspectTimes ?? []).Item1);
    }

    private static async Task<PostgresDatabase> CreateDatabaseAsync(string isolation)
    {
        var db = await PostgresServer.CreateDatabaseAsync("clustering_race");
        await using (var admin = new NpgsqlConnection(PostgresServer.AdminConnectionString))
        {
            await admin.OpenAsync();
            await using var alter = new NpgsqlCommand($"ALTER DATABASE {db.Name} SET default_transaction_isolation = '{isolation}'", admin);
            await alter.ExecuteNonQueryAsync();
        }

        Assert.Equal(isolation, await db.ScalarAsync("SHOW transaction_isolation"));
        return db;
    }

    /// <summary>Starts every racer at once (they wait at a gate) and collects what each got.</summary>
    private static async Task<Outcome[]> RaceAsync(Func<int, Task<bool>> attempt)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var racers = Enumerable.Range(0, Racers).Select(async i =>
        {
            await gate.Task;
            try
            {
                return new Outcome(await attempt(i), null);
            }
            catch (Exception e)
            {
                return new Outcome(false, e);
            }
        }).ToArray();
        gate.SetResult();
        return await Task.WhenAll(racers);
    }

    /// <summary>
    /// Exactly one racer succeeded; the others were told "version mismatch" (false) or, under SERIALIZABLE, had their
    /// statement rolled back with a serialization failure, which Orleans retries like a mismatch. Returns the winner.
    /// </summary>
    private static int AssertOneWinner(Outcome[] outcomes, string isolation)
    {
        var winners = outcomes.Select((o, i) => (o, i)).Where(x => x.o.Won).Select(x => x.i).ToArray();
        Assert.True(winners.Length == 1, $"{winners.Length} winners: {string.Join("; ", outcomes)}");
        foreach (var error in outcomes.Select(o => o.Error).OfType<Exception>())
        {
            Assert.True(
                isolation == "serializable" && PostgresErrorClassifier.Classify(error) == FailureKind.Serialization,
                $"unexpected failure under {isolation}: {error}");
        }

        return winners[0];
    }

    private sealed record Outcome(bool Won, Exception? Error);
}
