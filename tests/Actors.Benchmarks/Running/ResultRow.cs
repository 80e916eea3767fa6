using System.Text.Json.Serialization;

namespace Actors.Benchmarks.Running;

/// <summary>
/// One row of results: a scenario for one provider at one concurrency, the median of its rounds. The JSON names are
/// the file format (<c>--json</c>) the capacity model reads.
/// </summary>
internal sealed record ResultRow
{
    [JsonPropertyName("scenario")]
    public required string Scenario { get; init; }

    [JsonPropertyName("provider")]
    public required string Provider { get; init; }

    [JsonPropertyName("concurrency")]
    public required int Concurrency { get; init; }

    [JsonPropertyName("ops_per_sec")]
    public required double OpsPerSec { get; init; }

    [JsonPropertyName("p50_ms")]
    public required double P50Ms { get; init; }

    [JsonPropertyName("p99_ms")]
    public required double P99Ms { get; init; }

    /// <summary>CPU seconds of this process (the silo, and what drives it) per 1,000 successful operations.</summary>
    [JsonPropertyName("cpu_s_per_1k")]
    public required double? CpuSecondsPer1k { get; init; }

    /// <summary>CPU seconds of the database server's processes per 1,000 operations; null when not measured.</summary>
    [JsonPropertyName("db_cpu_s_per_1k")]
    public double? DatabaseCpuSecondsPer1k { get; init; }

    /// <summary>WAL bytes the database wrote per operation; null when not measured.</summary>
    [JsonPropertyName("wal_bytes_per_op")]
    public double? WalBytesPerOp { get; init; }

    /// <summary>Successful operations over all rounds.</summary>
    [JsonPropertyName("ops")]
    public required int Ops { get; init; }

    /// <summary>Failed operations over all rounds (not a median: every failure counts).</summary>
    [JsonPropertyName("failed")]
    public required int Failed { get; init; }

    /// <summary>Retries of our storage over all rounds (a sum, like <see cref="Failed"/>); 0 for the stock provider, which never retries.</summary>
    [JsonPropertyName("retries")]
    public long Retries { get; init; }

    [JsonPropertyName("rounds")]
    public required int Rounds { get; init; }

    /// <summary>Growth rows: annotations on the document before the add.</summary>
    [JsonPropertyName("annotations")]
    public int? Annotations { get; init; }

    /// <summary>Growth rows: <c>comment</c> or <c>ink</c>.</summary>
    [JsonPropertyName("body")]
    public string? Body { get; init; }

    /// <summary>Growth rows: the annotation body's own size as JSON, to set the WAL per add against.</summary>
    [JsonPropertyName("body_bytes")]
    public int? BodyBytes { get; init; }

    /// <summary>Student-growth rows: reflections the student held before the update.</summary>
    [JsonPropertyName("items")]
    public int? Items { get; init; }

    /// <summary>Memory rows: heap bytes per idle activation.</summary>
    [JsonPropertyName("bytes_per_activation")]
    public double? BytesPerActivation { get; init; }

    /// <summary>Why the first failed operation failed, when any did.</summary>
    [JsonPropertyName("first_error")]
    public string? FirstError { get; init; }

    /// <summary>
    /// The row of <paramref name="samples"/> (one per round): medians of the rates, latencies and costs, sums of the
    /// operation and failure counts.
    /// </summary>
    public static ResultRow Of(string scenario, string provider, int concurrency, IReadOnlyList<Sample> samples)
    {
        ArgumentOutOfRangeException.ThrowIfZero(samples.Count);
        return new ResultRow
        {
            Scenario = scenario,
            Provider = provider,
            Concurrency = concurrency,
            OpsPerSec = Median(samples.Select(s => s.OpsPerSecond))!.Value,
            P50Ms = Median(samples.Select(s => s.P50Ms))!.Value,
            P99Ms = Median(samples.Select(s => s.P99Ms))!.Value,
            CpuSecondsPer1k = Median(samples.Select(s => s.CpuSecondsPer1k)),
            DatabaseCpuSecondsPer1k = Median(samples.Select(s => s.DatabaseCpuSecondsPer1k)),
            WalBytesPerOp = Median(samples.Select(s => s.WalBytesPerOp)),
            Ops = samples.Sum(s => s.Ops),
            Failed = samples.Sum(s => s.Failed),
            Retries = samples.Sum(s => s.Retries),
            Rounds = samples.Count,
            FirstError = samples.Select(s => s.FirstError).FirstOrDefault(e => e is not null),
        };
    }

    /// <summary>The median of the values present (the mean of the middle two for an even count); null if none is.</summary>
    public static double? Median(IEnumerable<double?> values)
    {
        var sorted = values.OfType<double>().Order().ToArray();
        return sorted.Length == 0 ? null
            : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2]
            : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static double? Median(IEnumerable<double> values) => Median(values.Select(v => (double?)v));
}
