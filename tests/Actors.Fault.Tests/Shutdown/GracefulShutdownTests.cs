using System.Diagnostics;
using Actors.Contracts;
using Actors.Contracts.Students;
using Actors.Fault.Tests.Infrastructure;
using Actors.Silo.Shutdown;
using Actors.Testing;
using Xunit.Abstractions;

namespace Actors.Fault.Tests.Shutdown;

/// <summary>
/// A silo told to stop — by SIGTERM, or by a spot-interruption notice on its instance-metadata endpoint — deactivates its
/// grains (which writes the page views they buffer), leaves the membership table and exits 0 within its budget.
/// </summary>
[Trait("Category", "Fault")]
public sealed class GracefulShutdownTests(ITestOutputHelper output)
{
    private const int Students = 20;
    private const int ViewsEach = 7;

    [Theory]
    [InlineData("SIGTERM")]
    [InlineData("spot notice")]
    public async Task A_stopped_silo_writes_buffered_page_views_leaves_the_cluster_and_exits_0_within_its_budget(string signal)
    {
        await using var metadata = new FakeInstanceMetadata();
        var environment = new Dictionary<string, string?>
        {
            ["Shutdown__SpotInterruption__Url"] = signal == "spot notice" ? metadata.Url.ToString() : null,
            ["Shutdown__SpotInterruption__PollInterval"] = "00:00:00.500",
        };
        await using var cluster = await SiloCluster.StartAsync(await PostgresServer.CreateDatabaseAsync("graceful"), 1, environment);
        var silo = cluster.Silos[0];
        try
        {
            var students = Enumerable.Range(0, Students).Select(i => $"viewer-{i}").ToList();
            await using (var client = await ClusterClient.ConnectAsync(cluster.ConnectionString, cluster.ClusterId, TimeSpan.FromSeconds(10)))
            {
                await FaultSchool.RosterAsync(client.Grains, students);
                foreach (var id in students)
                {
                    var grain = client.Grains.GetGrain<IStudentGrain>(FaultSchool.Key(id));
                    for (var v = 0; v < ViewsEach; v++)
                    {
                        await grain.RecordPageView(FaultSchool.Student(id), $"page-{v % 3}");
                    }
                }
            }

            // Buffered, not yet written: the flush timer (30 s) has not fired and 7 views are far below the batch size.
            Assert.Equal(0, await StoredPageViews.TotalAsync(cluster.Database, FaultSchool.Key(students[0])));

            var clock = Stopwatch.StartNew();
            if (signal == "SIGTERM")
            {
                silo.Terminate();
            }
            else
            {
                await Poll.UntilAsync(() => Task.FromResult(metadata.Polls), n => n > 0, TimeSpan.FromSeconds(10), "the silo polling the metadata endpoint");
                metadata.Announce();
            }

            var budget = new GracefulShutdownOptions().Budget;
            Assert.True(await silo.WaitForExitAsync(budget), $"the silo was still running {budget.TotalSeconds} s after the {signal}");
            output.WriteLine($"{signal} -> exit in {clock.Elapsed.TotalSeconds:0.00} s (budget {budget.TotalSeconds} s), exit code {silo.ExitCode}");

            Assert.Equal(0, silo.ExitCode);
            Assert.Equal(MembershipRow.Dead, (await cluster.RowOfAsync(silo)).Status);
            foreach (var id in students)
            {
                Assert.Equal(ViewsEach, await StoredPageViews.TotalAsync(cluster.Database, FaultSchool.Key(id)));
            }

            if (signal == "spot notice")
            {
                Assert.Contains("Spot interruption notice", silo.Output);
            }
        }
        catch
        {
            output.WriteLine(cluster.DescribeOutputs());
            throw;
        }
    }
}
