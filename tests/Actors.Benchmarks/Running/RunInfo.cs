using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json.Serialization;

namespace Actors.Benchmarks.Running;

/// <summary>Where and when a run was taken: the figures mean little without the machine and its load.</summary>
internal sealed record RunInfo
{
    [JsonPropertyName("started_utc")]
    public required DateTimeOffset StartedUtc { get; init; }

    [JsonPropertyName("minutes")]
    public double Minutes { get; init; }

    [JsonPropertyName("quick")]
    public bool Quick { get; init; }

    [JsonPropertyName("cores")]
    public int Cores { get; init; } = Environment.ProcessorCount;

    [JsonPropertyName("memory_gib")]
    public double MemoryGib { get; init; } = Math.Round(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024), 1);

    [JsonPropertyName("os")]
    public string Os { get; init; } = RuntimeInformation.OSDescription;

    [JsonPropertyName("dotnet")]
    public string DotNet { get; init; } = RuntimeInformation.FrameworkDescription;

    [JsonPropertyName("database")]
    public string? Database { get; init; }

    /// <summary>The 1, 5 and 15 minute load averages when the run started, from <c>/proc/loadavg</c>.</summary>
    [JsonPropertyName("load_before")]
    public IReadOnlyList<double>? LoadBefore { get; init; }

    /// <summary>The load averages when it ended (they include the run's own load).</summary>
    [JsonPropertyName("load_after")]
    public IReadOnlyList<double>? LoadAfter { get; init; }

    /// <summary>The load averages now, or null where <c>/proc/loadavg</c> does not exist.</summary>
    public static IReadOnlyList<double>? LoadAverages()
    {
        try
        {
            return [.. File.ReadAllText("/proc/loadavg").Split(' ').Take(3).Select(v => double.Parse(v, CultureInfo.InvariantCulture))];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }
}
