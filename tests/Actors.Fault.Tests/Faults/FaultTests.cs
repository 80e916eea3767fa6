using System.Diagnostics;
using Actors.Fault.Tests.Infrastructure;
using Actors.Testing;
using Xunit.Abstractions;

namespace Actors.Fault.Tests.Faults;

/// <summary>
/// Three silo processes on loopback and a real PostgreSQL database under a steady load of acknowledged writes (goals
/// created under client ids, retried with the same id). Each test injects one fault, keeps the load running until the
/// cluster has acknowledged a good number of writes after it, and then looks up every acknowledged write in the
/// database: none may be lost. Each prints its figures; see docs/operations.md for the ones measured here.
/// </summary>
[Trait("Category", "Fault")]
public sealed class FaultTests(ITestOutputHelper output)
{
    private const int WritesAfterFault = 200;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task SIGTERM_one_silo_it_exits_within_its_budget_and_no_acknowledged_write_is_lost()
    {
        await using var run = await LoadedCluster.StartAsync(await PostgresServer.CreateDatabaseAsync("fault_sigterm"), output);
        var victim = run.Cluster.Silos[^1];
        var faultAt = run.Load.Now;
        var clock = Stopwatch.StartNew();
        victim.Terminate();
        Assert.True(await victim.WaitForExitAsync(Budget), $"the silo was still running {Budget.TotalSeconds} s after SIGTERM");
        var exitedAfter = clock.Elapsed;
        await run.Load.WaitForMoreAcknowledgedAsync(WritesAfterFault, Deadline);
        var figures = await run.FinishAsync("SIGTERM", faultAt);
        output.WriteLine($"  SIGTERM -> exit {exitedAfter.TotalSeconds:0.00} s (budget {Budget.TotalSeconds} s), exit code {victim.ExitCode}");

        Assert.Equal(0, victim.ExitCode);
        Assert.Equal(MembershipRow.Dead, (await run.Cluster.RowOfAsync(victim)).Status);
        Assert.Empty(figures.Lost);
        Assert.Empty(figures.Report.FailedWrites);
    }

    [Fact]
    public async Task SIGKILL_one_silo_no_acknowledged_write_is_lost_and_writes_succeed_again_within_the_recovery_time()
    {
        await using var run = await LoadedCluster.StartAsync(await PostgresServer.CreateDatabaseAsync("fault_sigkill"), output);
        var victim = run.Cluster.Silos[^1];
        var faultAt = run.Load.Now;
        var clock = Stopwatch.StartNew();
        victim.Crash();
        await run.Cluster.WaitForDeadAsync(victim, Deadline);
        var declaredDead = clock.Elapsed;
        await run.Load.WaitForMoreAcknowledgedAsync(WritesAfterFault, Deadline);
        var figures = await run.FinishAsync("SIGKILL", faultAt);
        output.WriteLine($"  SIGKILL -> declared Dead {declaredDead.TotalSeconds:0.00} s");

        Assert.Empty(figures.Lost);
        Assert.Empty(figures.Report.FailedWrites);

        // Writes on their way to the killed silo wait out the client's response timeout; all others go through. The
        // bound leaves room for a slow machine.
        Assert.InRange(figures.Recovery, TimeSpan.Zero, declaredDead + LoadedCluster.ClientResponseTimeout + TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Every_application_connection_terminated_twice_no_acknowledged_write_is_lost()
    {
        await using var run = await LoadedCluster.StartAsync(await PostgresServer.CreateDatabaseAsync("fault_terminate"), output);
        var faultAt = run.Load.Now;
        var killed = new List<int>();

        // At least twice, and again until a write was in flight on a terminated connection: an idle pooled connection
        // the server closed is not a storage attempt that failed, and with cross-grain batching only a few
        // transactions are in flight at any moment, so two rounds can both miss them. Bounded, not timed.
        var retries = 0.0;
        for (var round = 0; round < 2 || (retries == 0 && round < 10); round++)
        {
            killed.Add(await run.Cluster.Database.TerminateConnectionsAsync());
            await run.Load.WaitForMoreAcknowledgedAsync(WritesAfterFault / 2, Deadline);
            retries = await BrokenConnectionRetriesAsync(run);
        }

        var figures = await run.FinishAsync($"pg_terminate_backend x{killed.Count}", faultAt);
        output.WriteLine($"  connections terminated: {string.Join(" and ", killed)}");

        // The storage provider retried on fresh connections, and says so in its metrics: a connection that broke
        // before the write was sent counts as cause=connection, one that broke after it (COMMIT outcome unknown,
        // settled by write id) as cause=ambiguous.
        output.WriteLine($"  storage retries after a broken connection (actors_storage_retries_total, cause=connection or ambiguous): {retries}");
        Assert.All(killed, count => Assert.True(count > 0, "no application connection was there to terminate"));
        Assert.True(retries > 0, "no storage retry after a broken connection was reported in /metrics");
        Assert.Empty(figures.Lost);
        Assert.Empty(figures.Report.FailedWrites);
    }

    private static async Task<double> BrokenConnectionRetriesAsync(LoadedCluster run)
    {
        var retries = 0.0;
        foreach (var silo in run.Cluster.Silos)
        {
            var metrics = (await silo.GetAsync("/metrics")).Body;
            retries += PrometheusText.Sum(metrics, "actors_storage_retries_total", "cause=\"connection\"")
                + PrometheusText.Sum(metrics, "actors_storage_retries_total", "cause=\"ambiguous\"");
        }

        return retries;
    }

    private static TimeSpan Budget => new Actors.Silo.Shutdown.GracefulShutdownOptions().Budget;
}
