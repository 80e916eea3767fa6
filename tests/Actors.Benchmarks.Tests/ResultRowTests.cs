using Actors.Benchmarks.Running;

namespace Actors.Benchmarks.Tests;

public class ResultRowTests
{
    private static Sample Round(int ops, int failed, double seconds, double p50, double p99, double cpu, double? db, long? wal, string? error = null)
        => new(ops, failed, error, TimeSpan.FromSeconds(seconds), p50, p99, TimeSpan.FromSeconds(cpu), db is { } d ? TimeSpan.FromSeconds(d) : null, wal);

    [Fact]
    public void A_row_is_the_median_of_its_rounds_with_every_operation_and_failure_counted()
    {
        var row = ResultRow.Of("update", "actors", 8, [
            Round(1000, 0, 1, 2, 9, 1.0, 3.0, 1_000_000),
            Round(1000, 2, 2, 4, 30, 2.0, 1.0, 3_000_000, "the first error"),
            Round(1000, 1, 4, 3, 10, 4.0, 2.0, 2_000_000, "a later error"),
        ]);

        Assert.Equal(500, row.OpsPerSec); // rates 1000, 500, 250
        Assert.Equal(3, row.P50Ms);
        Assert.Equal(10, row.P99Ms);
        Assert.Equal(2.0, row.CpuSecondsPer1k);
        Assert.Equal(2.0, row.DatabaseCpuSecondsPer1k);
        Assert.Equal(2000, row.WalBytesPerOp);
        Assert.Equal(3000, row.Ops);
        Assert.Equal(3, row.Failed);
        Assert.Equal(3, row.Rounds);
        Assert.Equal("the first error", row.FirstError);
    }

    [Fact]
    public void Without_database_figures_the_row_has_none()
    {
        var row = ResultRow.Of("update", "actors", 8, [Round(10, 0, 1, 1, 1, 1, null, null)]);

        Assert.Null(row.DatabaseCpuSecondsPer1k);
        Assert.Null(row.WalBytesPerOp);
    }

    [Fact]
    public void A_round_in_which_everything_failed_has_no_cost_per_operation()
    {
        var round = Round(0, 64, 1, 0, 0, 1, 1, 100);

        Assert.Null(round.CpuSecondsPer1k);
        Assert.Null(round.DatabaseCpuSecondsPer1k);
        Assert.Null(round.WalBytesPerOp);
        Assert.Equal(0, round.OpsPerSecond);
    }

    [Theory]
    [InlineData(new double[] { 5 }, 5)]
    [InlineData(new double[] { 3, 1, 2 }, 2)]
    [InlineData(new double[] { 4, 1, 3, 2 }, 2.5)]
    public void Median(double[] values, double expected)
        => Assert.Equal(expected, ResultRow.Median(values.Select(v => (double?)v)));

    [Fact]
    public void Merged_single_operations_sum_their_costs_and_take_the_median_and_the_slowest()
    {
        var merged = Sample.Merge([Round(1, 0, 0.010, 10, 10, 0.1, 0.01, 100), Round(1, 0, 0.030, 30, 30, 0.3, 0.03, 300), Round(1, 0, 0.020, 20, 20, 0.2, 0.02, 200)]);

        Assert.Equal(3, merged.Ops);
        Assert.Equal(TimeSpan.FromSeconds(0.06), merged.Elapsed);
        Assert.Equal(20, merged.P50Ms);
        Assert.Equal(30, merged.P99Ms);
        Assert.Equal(TimeSpan.FromSeconds(0.6), merged.ProcessCpu);
        Assert.Equal(600, merged.WalBytes);
    }

    [Fact]
    public void Providers_take_turns_in_an_order_that_rotates_each_round()
    {
        string[] providers = ["adonet", "actors", "actors-single"];

        Assert.Equal(["adonet", "actors", "actors-single"], Interleaving.Turns(providers, 0));
        Assert.Equal(["actors", "actors-single", "adonet"], Interleaving.Turns(providers, 1));
        Assert.Equal(["actors-single", "adonet", "actors"], Interleaving.Turns(providers, 2));
    }

    [Fact]
    public void Unknown_scenarios_are_refused_by_name()
    {
        var error = Assert.Throws<ArgumentException>(() => BenchmarkRunner.Select(["no-such-scenario"]));

        Assert.Contains("no-such-scenario", error.Message);
        Assert.Equal(["gateway"], BenchmarkRunner.Select(["gateway-echo"]).Select(s => s.Name));
    }
}
