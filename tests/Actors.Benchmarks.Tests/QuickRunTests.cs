using Actors.Benchmarks.Capacity;
using Actors.Benchmarks.Hosting;
using Actors.Benchmarks.Running;
using Actors.Testing;

namespace Actors.Benchmarks.Tests;

/// <summary>
/// The suite's <c>--quick</c> run, in process, on a PostgreSQL server of its own: every scenario must still run and
/// produce rows, our providers must fail no operation, and the JSON must feed the capacity model. It asserts no
/// timing and no ratio: speed is measured by the benchmark, never checked by a test.
/// </summary>
public class QuickRunTests
{
    [Fact]
    public async Task Every_scenario_produces_rows_for_every_provider_and_ours_fail_no_operation()
    {
        var json = Path.Combine(Path.GetTempPath(), $"actors-bench-quick-{Guid.NewGuid():N}.json");
        var (output, log) = (new StringWriter(), new StringWriter());
        try
        {
            var results = await BenchmarkRunner.RunAsync(new BenchOptions { Quick = true, JsonPath = json }, output, log);

            Assert.True(results.Errors.Count == 0, string.Join("\n", results.Errors) + "\n" + log);
            foreach (var scenario in BenchmarkRunner.Scenarios)
            {
                var providers = scenario.DefaultProviders ?? [.. StorageProvider.All.Select(p => p.Name)];
                foreach (var (rowScenario, provider) in scenario.RowScenarios.SelectMany(r => providers.Select(p => (r, p))))
                {
                    var rows = results.Rows.Where(r => r.Scenario == rowScenario && r.Provider == (rowScenario == "gateway-echo" ? "none" : provider)).ToList();
                    Assert.True(rows.Count > 0, $"{rowScenario} produced no row for {provider}.\n{log}");
                    foreach (var row in rows)
                    {
                        Assert.True(row.Ops + row.Failed > 0, $"{rowScenario} of {provider} ran no operation.");

                        // The stock provider never retries, so under SERIALIZABLE it fails some writes: a measured
                        // property of it, shown in its rows, not a defect of the suite.
                        if (provider != "adonet")
                        {
                            Assert.True(row.Failed == 0, $"{rowScenario} of {provider} at {row.Concurrency}: {row.Failed} failed ({row.FirstError}).");
                            Assert.True(row.Ops > 0, $"{rowScenario} of {provider} at {row.Concurrency} completed no operation.");
                        }
                    }
                }
            }

            Assert.All(results.Rows.Where(r => r.Scenario.StartsWith("growth", StringComparison.Ordinal)), r => Assert.True(r.Annotations is not null && r.Body is not null));
            Assert.All(results.Rows.Where(r => r.Scenario == "memory"), r => Assert.NotNull(r.BytesPerActivation));
            Assert.All(results.Rows, r => Assert.NotNull(r.DatabaseCpuSecondsPer1k)); // its own server: database CPU measured

            // The printed table has a line per row; the JSON holds the same rows and feeds the capacity model.
            Assert.Equal(results.Rows.Count, output.ToString().Split('\n').Count(l => l.StartsWith("| ", StringComparison.Ordinal)) - 1);
            var read = await BenchResults.ReadAsync(json);
            Assert.Equal(results.Rows, read.Rows);
            var workload = Workload.Read(Repository.Path("docs", "capacity-workload.json"));
            var report = CapacityReport.Write(read, "quick.json", workload, new CostTable(read.Rows, "actors"));
            Assert.Contains("### What bounds it", report);
        }
        finally
        {
            File.Delete(json);
        }
    }
}
