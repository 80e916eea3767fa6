using System.Text.Json;
using System.Text.Json.Serialization;

namespace Actors.Benchmarks.Running;

/// <summary>A run's rows and where they were taken: the <c>--json</c> file, which <c>capacity --from</c> reads back.</summary>
internal sealed record BenchResults
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    [JsonPropertyName("run")]
    public required RunInfo Run { get; init; }

    [JsonPropertyName("rows")]
    public required IReadOnlyList<ResultRow> Rows { get; init; }

    /// <summary>Scenarios that failed to run (their rows are missing), one line each.</summary>
    [JsonPropertyName("errors")]
    public IReadOnlyList<string> Errors { get; init; } = [];

    public async Task WriteAsync(string path)
    {
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } directory)
        {
            Directory.CreateDirectory(directory);
        }

        await using var file = File.Create(path);
        await JsonSerializer.SerializeAsync(file, this, Json);
    }

    /// <exception cref="InvalidDataException">The file is not a results file.</exception>
    public static async Task<BenchResults> ReadAsync(string path)
    {
        await using var file = File.OpenRead(path);
        try
        {
            return await JsonSerializer.DeserializeAsync<BenchResults>(file, Json)
                ?? throw new InvalidDataException($"{path} holds no results.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not a benchmark results file (--json): {e.Message}", e);
        }
    }
}
