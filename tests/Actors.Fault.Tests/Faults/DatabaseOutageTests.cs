using System.Diagnostics;
using Actors.Fault.Tests.Infrastructure;
using Actors.Testing;
using Xunit.Abstractions;

namespace Actors.Fault.Tests.Faults;

/// <summary>
/// The database goes away for 10 s and comes back, on a PostgreSQL server of the test's own (stopping the shared one
/// would disturb every other test). While it is down, writes must fail fast with a transient storage error — what the
/// gateway maps to UNAVAILABLE — rather than hang; afterwards the service must recover by itself, with no silo
/// restarted, and no acknowledged write may be lost.
/// </summary>
[Trait("Category", "Fault")]
public sealed class DatabaseOutageTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Database_stopped_for_10_s_writes_fail_fast_as_unavailable_the_service_recovers_by_itself_and_nothing_acknowledged_is_lost()
    {
        await using var server = await PrivatePostgresServer.StartAsync();
        await using var run = await LoadedCluster.StartAsync(await server.CreateDatabaseAsync("fault_outage"), output);
        var before = await MembershipRow.ReadAsync(run.Cluster.Database, run.Cluster.ClusterId);

        var faultAt = run.Load.Now;
        var outage = Stopwatch.StartNew();
        await server.StopAsync();

        // Readiness follows the database; liveness must not, or the orchestrator would restart every silo.
        var probed = run.Cluster.Silos[0];
        await Poll.UntilAsync(() => probed.GetAsync("/health/ready"), r => r.Status == 503, Outage, "readiness to fail while the database is down");
        var liveWhileDown = (await probed.GetAsync("/health/live")).Status;

        // The outage itself is the fault under test, a fixed 10 s; meanwhile the load records what callers see.
        if (Outage - outage.Elapsed is { Ticks: > 0 } rest)
        {
            await Task.Delay(rest);
        }

        await server.StartAgainAsync();
        var restartedAt = run.Load.Now;
        await run.Load.WaitForMoreAcknowledgedAsync(1, Deadline);
        var firstWriteAfter = run.Load.Now - restartedAt;
        await run.Load.WaitForMoreAcknowledgedAsync(200, Deadline);
        var figures = await run.FinishAsync("database stopped 10 s", faultAt);

        var during = figures.Report.FailedAttempts.Where(f => f.Started >= faultAt && f.Started < restartedAt).ToList();
        var unavailable = during.Count(f => f.Error.StartsWith("CockroachStorageException(transient=True)", StringComparison.Ordinal));
        var longestFailure = during.Select(f => f.Duration).DefaultIfEmpty().Max();
        output.WriteLine($"  while down: {during.Count} failed attempts, {unavailable} of them transient storage errors (UNAVAILABLE); longest failed attempt {longestFailure.TotalSeconds:0.00} s");
        output.WriteLine($"  after restart: first write acknowledged {firstWriteAfter.TotalSeconds:0.00} s later");

        Assert.Equal(200, liveWhileDown);
        Assert.Empty(figures.Lost);
        Assert.Empty(figures.Report.FailedWrites);
        Assert.NotEmpty(during);
        Assert.Equal(during.Count, unavailable);
        Assert.InRange(longestFailure, TimeSpan.Zero, FailFast);

        // Recovered by itself: the same silo processes, the same incarnations, all Active and ready.
        Assert.All(run.Cluster.Silos, silo => Assert.False(silo.HasExited, $"{silo.Name} exited"));
        var after = await MembershipRow.ReadAsync(run.Cluster.Database, run.Cluster.ClusterId);
        Assert.Equal(
            before.Select(r => (r.SiloName, r.Generation, MembershipRow.Active)),
            after.Select(r => (r.SiloName, r.Generation, r.Status)));
        foreach (var silo in run.Cluster.Silos)
        {
            await Poll.UntilAsync(() => silo.GetAsync("/health/ready"), r => r.Status == 200, Deadline, $"{silo.Name} ready again");
        }
    }

    /// <summary>
    /// A failed call must end with its error before the storage's retry budget (<c>Retry.TotalBudget</c>, 10 s) is
    /// spent: against a server that refuses connections the retry schedule gives up after <c>MaxAttempts</c> (10
    /// attempts, about 4 s of backoff), long before the caller's own timeout.
    /// </summary>
    private static TimeSpan FailFast => new Actors.Persistence.CockroachDb.Providers.CockroachRetryOptions().TotalBudget;
}
