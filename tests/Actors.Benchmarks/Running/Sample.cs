using Actors.Benchmarks.Measurement;

namespace Actors.Benchmarks.Running;

/// <summary>What one round measured: its operations and what they cost.</summary>
/// <param name="Ops">Operations that succeeded.</param>
/// <param name="Failed">Operations that failed.</param>
/// <param name="FirstError">Why the first failure failed.</param>
/// <param name="Elapsed">Wall time of the round.</param>
/// <param name="P50Ms">Median latency of the successful operations.</param>
/// <param name="P99Ms">99th percentile latency.</param>
/// <param name="ProcessCpu">CPU time of this process (silo, load and, in gateway rounds, the gateway) during the round.</param>
/// <param name="DatabaseCpu">CPU time of the database server's processes during the round, if measured.</param>
/// <param name="WalBytes">WAL the database wrote during the round, if measured.</param>
/// <param name="Retries">Attempts our storage reran after a retryable failure during the round (the stock provider never retries).</param>
internal sealed record Sample(
    int Ops,
    int Failed,
    string? FirstError,
    TimeSpan Elapsed,
    double P50Ms,
    double P99Ms,
    TimeSpan ProcessCpu,
    TimeSpan? DatabaseCpu,
    long? WalBytes,
    long Retries = 0)
{
    public double OpsPerSecond => Elapsed > TimeSpan.Zero ? Ops / Elapsed.TotalSeconds : 0;

    public double? CpuSecondsPer1k => PerThousand(ProcessCpu);

    public double? DatabaseCpuSecondsPer1k => DatabaseCpu is { } cpu ? PerThousand(cpu) : null;

    public double? WalBytesPerOp => WalBytes is { } bytes && Ops > 0 ? (double)bytes / Ops : null;

    /// <summary>A sample of <paramref name="latencies"/> and the resources used between two readings.</summary>
    public static Sample Of(Latencies latencies, TimeSpan elapsed, ResourceReading before, ResourceReading after) => new(
        latencies.Count,
        latencies.Failed,
        latencies.FirstError,
        elapsed,
        latencies.Percentile(50),
        latencies.Percentile(99),
        after.ProcessCpu - before.ProcessCpu,
        after.DatabaseCpu - before.DatabaseCpu,
        after.WalPosition - before.WalPosition,
        after.Retries - before.Retries);

    /// <summary>
    /// Samples of single operations (each timed alone, with setup between them) as one: counts, times and
    /// resources summed; p50 the median of the operations, p99 the slowest (exact for one-operation samples).
    /// </summary>
    public static Sample Merge(IReadOnlyList<Sample> singles)
    {
        ArgumentOutOfRangeException.ThrowIfZero(singles.Count);
        var succeeded = singles.Where(s => s.Ops > 0).ToList();
        return new Sample(
            singles.Sum(s => s.Ops),
            singles.Sum(s => s.Failed),
            singles.Select(s => s.FirstError).FirstOrDefault(e => e is not null),
            singles.Aggregate(TimeSpan.Zero, (sum, s) => sum + s.Elapsed),
            ResultRow.Median(succeeded.Select(s => (double?)s.P50Ms)) ?? 0,
            succeeded.Count == 0 ? 0 : succeeded.Max(s => s.P99Ms),
            singles.Aggregate(TimeSpan.Zero, (sum, s) => sum + s.ProcessCpu),
            singles.All(s => s.DatabaseCpu is not null) ? singles.Aggregate(TimeSpan.Zero, (sum, s) => sum + s.DatabaseCpu!.Value) : null,
            singles.All(s => s.WalBytes is not null) ? singles.Sum(s => s.WalBytes!.Value) : null,
            singles.Sum(s => s.Retries));
    }

    private double? PerThousand(TimeSpan cpu) => Ops > 0 ? cpu.TotalSeconds / Ops * 1000 : null;
}

/// <summary>Counters read before and after a round.</summary>
internal sealed record ResourceReading(TimeSpan ProcessCpu, TimeSpan? DatabaseCpu, long? WalPosition, long Retries = 0);
