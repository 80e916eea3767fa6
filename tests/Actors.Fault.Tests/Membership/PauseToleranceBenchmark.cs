using System.Diagnostics;
using Actors.Testing;
using Xunit.Abstractions;

namespace Actors.Fault.Tests.Membership;

/// <summary>
/// The other side of fast detection: how long a silo may freeze (SIGSTOP: a stalled VM, a starved container, a long
/// GC pause) before the others declare it dead, with our membership settings. Four silo processes on loopback; the
/// victim is paused for longer and longer until it is evicted. The figures go to docs/operations.md; only the promise
/// (a 3 s pause is survived) is asserted, by <c>HostLossTests</c> too.
/// </summary>
[Trait("Category", "Benchmark")]
public sealed class PauseToleranceBenchmark(ITestOutputHelper output)
{
    private static readonly double[] PauseSeconds = [3, 5, 6, 7, 8, 10];

    [Fact]
    public async Task A_silo_paused_for_longer_and_longer_is_kept_until_the_liveness_window_runs_out()
    {
        await using var cluster = await SiloCluster.StartAsync(await PostgresServer.CreateDatabaseAsync("pause_bench"), 4);
        var victim = cluster.Silos[^1];
        var survived = new List<double>();
        double? evictedAt = null;
        foreach (var pause in PauseSeconds)
        {
            // Probing at its steady rate, and the previous pause's after-effects (slow probes) gone.
            await Task.Delay(TimeSpan.FromSeconds(8));
            var clock = Stopwatch.StartNew();
            victim.Pause();
            await Task.Delay(TimeSpan.FromSeconds(pause));
            victim.Resume();
            // Votes can only be cast while it is silent; a few seconds after it wakes, the verdict is in the table.
            var row = await Poll.UntilAsync(
                () => cluster.RowOfAsync(victim),
                r => r.Status == MembershipRow.Dead || clock.Elapsed > TimeSpan.FromSeconds(pause + 4),
                TimeSpan.FromSeconds(pause + 20),
                "the verdict on the paused silo");
            output.WriteLine($"paused {pause} s: {(row.Status == MembershipRow.Dead ? "declared Dead" : "kept")} ({row})");
            if (row.Status == MembershipRow.Dead)
            {
                evictedAt = pause;
                break;
            }

            survived.Add(pause);
        }

        output.WriteLine($"longest pause survived: {survived.DefaultIfEmpty().Max()} s; first pause evicted: {(evictedAt is { } e ? $"{e} s" : "none up to 10 s")}");
        Assert.Contains(3.0, survived);
    }
}
