using System.Diagnostics;
using Actors.Contracts;
using Actors.Contracts.Students;
using Actors.Fault.Tests.Infrastructure;
using Actors.Testing;
using Xunit.Abstractions;

namespace Actors.Fault.Tests.Membership;

/// <summary>
/// How long the cluster takes to notice a SIGKILLed silo (its row Dead in the membership table) and to serve its grains
/// elsewhere, with Orleans' default membership settings and with ours (appsettings.json). Three silo processes on
/// loopback; the figures go to the test output and docs/operations.md. Only generous bounds are asserted: the times
/// depend on the machine's load.
/// </summary>
[Trait("Category", "Benchmark")]
public sealed class MembershipDetectionBenchmark(ITestOutputHelper output)
{
    private const int Students = 45;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_killed_silo_is_declared_dead_and_its_grains_answer_elsewhere_with_default_and_with_our_settings()
    {
        var defaults = await MeasureAsync("Orleans defaults", MembershipSettings.OrleansDefaults());
        var ours = await MeasureAsync("ours", new Dictionary<string, string?>());

        output.WriteLine("");
        output.WriteLine($"our settings: {string.Join(", ", MembershipSettings.Ours().Select(p => $"{p.Key}={p.Value}"))}");
        output.WriteLine("| settings | declared Dead | calls to its grains succeed again | failed calls to them |");
        output.WriteLine("| --- | --- | --- | --- |");
        foreach (var m in new[] { defaults, ours })
        {
            output.WriteLine($"| {m.Name} | {m.Detection.TotalSeconds:0.0} s | {m.Recovery.TotalSeconds:0.0} s | {m.FailedCalls} ({m.VictimGrains} grains) |");
        }

        Assert.InRange(ours.Detection, TimeSpan.Zero, TimeSpan.FromSeconds(20));
        Assert.InRange(ours.Recovery, TimeSpan.Zero, TimeSpan.FromSeconds(30));
        Assert.InRange(defaults.Detection, TimeSpan.Zero, TimeSpan.FromSeconds(60));
    }

    private async Task<Measurement> MeasureAsync(string name, IReadOnlyDictionary<string, string?> environment)
    {
        await using var cluster = await SiloCluster.StartAsync(await PostgresServer.CreateDatabaseAsync("membership_bench"), 3, environment);
        try
        {
            await using var client = await ClusterClient.ConnectAsync(cluster.ConnectionString, cluster.ClusterId, TimeSpan.FromSeconds(5));
            await FaultSchool.RosterAsync(client.Grains, Enumerable.Range(0, Students).Select(i => $"bench-{i}"));
            var grains = Enumerable.Range(0, Students).Select(i => client.Grains.GetGrain<IStudentGrain>(FaultSchool.Key($"bench-{i}"))).ToList();

            // Probing only reaches its steady rate after a few rounds: keep the grains busy for a while before the kill.
            var settled = Stopwatch.StartNew();
            while (settled.Elapsed < TimeSpan.FromSeconds(10))
            {
                await Task.WhenAll(grains.Select(g => g.GetGoals(FaultSchool.Admin)));
            }

            // The victim is the silo holding the most of them: rostering activates students from the school grain, and
            // placement favours the caller's silo, so they need not be spread evenly.
            var management = client.Grains.GetGrain<IManagementGrain>(0);
            var hosts = new List<(IStudentGrain Grain, int? Port)>();
            foreach (var grain in grains)
            {
                hosts.Add((grain, (await management.GetActivationAddress(grain))?.Endpoint.Port));
            }

            var victimPort = hosts.Where(h => h.Port is not null).GroupBy(h => h.Port).MaxBy(g => g.Count())!.Key;
            var victim = cluster.Silos.Single(s => s.SiloPort == victimPort);
            var onVictim = hosts.Where(h => h.Port == victimPort).Select(h => h.Grain).ToList();
            Assert.NotEmpty(onVictim);
            var clock = Stopwatch.StartNew();
            victim.Crash();
            var detection = DetectAsync(cluster, victim, clock);
            var recoveries = await Task.WhenAll(onVictim.Select(g => RecoverAsync(g, clock)));
            var measurement = new Measurement(name, await detection, recoveries.Max(r => r.At), recoveries.Sum(r => r.Failures), onVictim.Count);
            output.WriteLine($"{name}: Dead after {measurement.Detection.TotalSeconds:0.00} s, {onVictim.Count} grains answer again after {measurement.Recovery.TotalSeconds:0.00} s, {measurement.FailedCalls} failed calls");
            return measurement;
        }
        catch
        {
            output.WriteLine(cluster.DescribeOutputs());
            throw;
        }
    }

    private static async Task<TimeSpan> DetectAsync(SiloCluster cluster, SiloProcess victim, Stopwatch clock)
    {
        await cluster.WaitForDeadAsync(victim, Deadline);
        return clock.Elapsed;
    }

    // Starts a call every poll interval, without waiting for the previous one (a call already on its way to the killed
    // silo waits out the client's ResponseTimeout), until one succeeds: only a new activation on another silo can
    // answer. Returns when the first successful call had started, and how many calls failed.
    private static async Task<(TimeSpan At, int Failures)> RecoverAsync(IStudentGrain grain, Stopwatch clock)
    {
        var calls = new List<(TimeSpan Started, Task Call)>();
        while (clock.Elapsed < Deadline)
        {
            calls.Add((clock.Elapsed, grain.GetGoals(FaultSchool.Admin)));
            var succeeded = calls.Where(c => c.Call.IsCompletedSuccessfully).Select(c => c.Started).DefaultIfEmpty(TimeSpan.MaxValue).Min();
            if (succeeded != TimeSpan.MaxValue)
            {
                await Task.WhenAll(calls.Select(c => c.Call)).ContinueWith(static _ => { }, TaskScheduler.Default);
                return (succeeded, calls.Count(c => c.Call.IsFaulted));
            }

            await Task.Delay(Poll.Interval);
        }

        throw new TimeoutException($"grain {grain.GetPrimaryKeyString()} did not answer within {Deadline}");
    }

    private sealed record Measurement(string Name, TimeSpan Detection, TimeSpan Recovery, int FailedCalls, int VictimGrains);
}
