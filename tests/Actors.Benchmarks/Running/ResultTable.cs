using System.Globalization;

namespace Actors.Benchmarks.Running;

/// <summary>
/// The printed table (Markdown, so it pastes into docs/benchmarks.md). <c>vs adonet</c> is a row's ops/s over the
/// stock provider's in the same run and configuration: the machine is shared and noisy, so ratios within one run
/// are the figures to compare.
/// </summary>
internal static class ResultTable
{
    public static void Write(TextWriter output, BenchResults results)
    {
        var run = results.Run;
        output.WriteLine($"# Actors benchmarks{(run.Quick ? " (--quick: a smoke run, not figures)" : "")}");
        output.WriteLine();
        output.WriteLine($"{run.StartedUtc:yyyy-MM-dd HH:mm} UTC, {run.Minutes:0.0} min; {run.Cores} cores, {run.MemoryGib} GiB; {run.Os}; {run.DotNet}");
        output.WriteLine($"Load average before: {Load(run.LoadBefore)}; after: {Load(run.LoadAfter)}. Database: {run.Database}.");
        output.WriteLine();
        output.WriteLine("| scenario | provider | conc. | size | ops/s | vs adonet | p50 ms | p99 ms | CPU s/1k | DB CPU s/1k | WAL KB/op | heap B/act. | retries | failed |");
        output.WriteLine("|---|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var row in results.Rows)
        {
            var baseline = results.Rows.FirstOrDefault(b => b.Provider == "adonet" && row.Provider != "adonet" && SameConfiguration(b, row));
            output.WriteLine(string.Join(" | ", [
                $"| {row.Scenario}",
                row.Provider,
                N(row.Concurrency, "0"),
                row.Annotations is { } n ? $"{n:N0} {row.Body}" : row.Items is { } items ? $"{items:N0} items" : "",
                N(row.OpsPerSec, row.OpsPerSec < 100 ? "0.0" : "0"),
                baseline is { OpsPerSec: > 0 } ? $"{row.OpsPerSec / baseline.OpsPerSec:0.00}x" : "",
                N(row.P50Ms, "0.00"),
                N(row.P99Ms, "0.00"),
                N(row.CpuSecondsPer1k, "0.000"),
                N(row.DatabaseCpuSecondsPer1k, "0.000"),
                N(row.WalBytesPerOp / 1024, "0.0"),
                N(row.BytesPerActivation, "0"),
                N(row.Retries, "0"),
                $"{row.Failed} |",
            ]));
        }

        output.WriteLine();
        foreach (var error in results.Errors)
        {
            output.WriteLine($"Scenario failed: {error}");
        }
    }

    private static bool SameConfiguration(ResultRow a, ResultRow b)
        => a.Scenario == b.Scenario && a.Concurrency == b.Concurrency && a.Annotations == b.Annotations && a.Items == b.Items && a.Body == b.Body;

    private static string N(double? value, string format) => value?.ToString(format, CultureInfo.InvariantCulture) ?? "";

    private static string Load(IReadOnlyList<double>? load) => load is null ? "unknown" : string.Join(" ", load.Select(l => l.ToString("0.00", CultureInfo.InvariantCulture)));
}
