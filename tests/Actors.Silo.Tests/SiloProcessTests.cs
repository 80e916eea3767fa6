using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Actors.Testing;
using Xunit.Abstractions;

namespace Actors.Silo.Tests;

/// <summary>
/// The silo host as separate processes on a real database: what TestCluster's in-process silos cannot show, such as a
/// real crash (the in-process "kill" still lets the silo write its own Dead status) and signal-driven shutdown.
/// </summary>
public sealed class SiloProcessTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_silo_without_a_connection_string_exits_at_once_naming_the_setting()
    {
        await using var silo = SiloProcess.Start("no-db", new Dictionary<string, string?>());

        Assert.True(await silo.WaitForExitAsync(Deadline), "the silo kept running without a database");
        Assert.NotEqual(0, silo.ExitCode);
        Assert.Contains("ConnectionStrings__Actors", silo.Output);
    }

    [Fact]
    public async Task A_silo_started_from_another_directory_runs_with_the_membership_settings_of_its_own_appsettings()
    {
        await using var db = await PostgresServer.CreateDatabaseAsync("silo_content_root");
        var elsewhere = Directory.CreateTempSubdirectory("actors-elsewhere-");
        try
        {
            await using var silo = SiloProcess.Start(
                "elsewhere",
                new Dictionary<string, string?> { ["ConnectionStrings__Actors"] = db.ConnectionString, ["Orleans__ClusterId"] = $"elsewhere-{Guid.NewGuid():N}" },
                workingDirectory: elsewhere.FullName);

            var line = await Poll.UntilAsync(
                () => Task.FromResult(silo.Output.Split('\n').FirstOrDefault(l => l.Contains("Membership: ProbeTimeout=", StringComparison.Ordinal))),
                l => l is not null || silo.HasExited,
                Deadline,
                "the silo's membership settings in its log");
            Assert.True(line is not null, $"the silo exited without logging its membership settings:{Environment.NewLine}{silo.Output}");

            var effective = Regex.Matches(line, @"(\w+)=([^ ;]+)").ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
            var configured = AppsettingsMembership();
            Assert.NotEmpty(configured);
            foreach (var (key, value) in configured)
            {
                Assert.True(effective.TryGetValue(key, out var actual), $"{key} is not in the log line: {line}");
                Assert.True(SameSetting(value, actual), $"{key}: appsettings.json says {value}, the silo runs {actual}");
            }

            Assert.Contains(Path.GetDirectoryName(SiloProcess.SiloAssemblyPath)!, line);
        }
        finally
        {
            elsewhere.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_crashed_silo_is_declared_dead_by_the_survivor_and_a_terminated_one_leaves_cleanly()
    {
        await using var db = await PostgresServer.CreateDatabaseAsync("silo_process");
        var clusterId = $"process-{Guid.NewGuid():N}";
        var environment = new Dictionary<string, string?>
        {
            ["ConnectionStrings__Actors"] = db.ConnectionString,
            ["Orleans__ClusterId"] = clusterId,

            // The recommended fast-detection settings of docs/clustering.md, plus a 1 s heartbeat to watch.
            ["Orleans__Membership__ProbeTimeout"] = "00:00:02",
            ["Orleans__Membership__MinProbeTimeout"] = "00:00:01",
            ["Orleans__Membership__MaxProbeTimeout"] = "00:00:04",
            ["Orleans__Membership__NumMissedProbesLimit"] = "2",
            ["Orleans__Membership__IAmAliveTablePublishTimeout"] = "00:00:01",
        };
        await using var survivor = SiloProcess.Start("silo-a", environment);
        await using var victim = SiloProcess.Start("silo-b", environment);

        try
        {
            var joined = await MembershipRow.WaitAsync(db, clusterId, r => r.Count(x => x.Status == MembershipRow.Active) == 2, Deadline, "two Active silos");

            // Let probing settle (its interval shrinks only after a few good probes): wait for both heartbeats to move on 3 s.
            var settled = joined.Max(r => r.IAmAliveTime).AddSeconds(3);
            await MembershipRow.WaitAsync(db, clusterId, r => r.All(x => x.IAmAliveTime >= settled), Deadline, "three seconds of heartbeats");

            var clock = Stopwatch.StartNew();
            victim.Crash();
            var rows = await MembershipRow.WaitAsync(db, clusterId, r => Row(r, victim).Status == MembershipRow.Dead, Deadline, "the crashed silo declared Dead");
            var declaredDead = clock.Elapsed;

            // The votes in the row are the survivor's: the crashed silo could not have written them.
            Assert.Contains($":{survivor.SiloPort}@", Row(rows, victim).SuspectTimes);
            Assert.Equal(MembershipRow.Active, Row(rows, survivor).Status);

            clock.Restart();
            survivor.Terminate();
            Assert.True(await survivor.WaitForExitAsync(Deadline), "the silo ignored SIGTERM");
            output.WriteLine($"crash -> Dead in the table: {declaredDead.TotalSeconds:0.00} s; SIGTERM -> exit: {clock.Elapsed.TotalSeconds:0.00} s (exit code {survivor.ExitCode})");
            Assert.Equal(0, survivor.ExitCode);
            Assert.Equal(MembershipRow.Dead, Row(await MembershipRow.ReadAsync(db, clusterId), survivor).Status);
        }
        catch
        {
            output.WriteLine($"--- {survivor.Name} ---{Environment.NewLine}{survivor.Output}");
            output.WriteLine($"--- {victim.Name} ---{Environment.NewLine}{victim.Output}");
            throw;
        }
    }

    private static bool SameSetting(string configured, string effective)
        => TimeSpan.TryParse(configured, System.Globalization.CultureInfo.InvariantCulture, out var a)
            && TimeSpan.TryParse(effective, System.Globalization.CultureInfo.InvariantCulture, out var b)
            ? a == b
            : string.Equals(configured, effective, StringComparison.OrdinalIgnoreCase);

    /// <summary>The <c>Orleans:Membership</c> section of the appsettings.json beside the silo, as text values.</summary>
    private static Dictionary<string, string> AppsettingsMembership()
    {
        var path = Path.Combine(Path.GetDirectoryName(SiloProcess.SiloAssemblyPath)!, "appsettings.json");
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        return json.RootElement.GetProperty("Orleans").GetProperty("Membership").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ToString());
    }

    private static MembershipRow Row(IReadOnlyList<MembershipRow> rows, SiloProcess silo) => rows.Single(r => r.SiloName == silo.Name);
}
