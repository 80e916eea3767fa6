using System.Collections.Concurrent;
using System.Diagnostics;

namespace Actors.Benchmarks.Measurement;

/// <summary>
/// Times operations and counts the ones that failed. A failure is recorded, not thrown: a benchmark row reports
/// how many operations failed (the stock provider, which never retries, fails some under SERIALIZABLE).
/// </summary>
internal sealed class Latencies
{
    private readonly ConcurrentBag<double> _ms = [];
    private int _failed;
    private string? _firstError;

    /// <summary>Operations that succeeded.</summary>
    public int Count => _ms.Count;

    /// <summary>Operations that threw.</summary>
    public int Failed => Volatile.Read(ref _failed);

    /// <summary>The first failure's type and message, to say why a row has failures.</summary>
    public string? FirstError => Volatile.Read(ref _firstError);

    /// <summary>Runs <paramref name="operation"/>, recording its time if it succeeds and counting it if it throws.</summary>
    public async Task Time(Func<Task> operation)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await operation();
            _ms.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception e)
        {
            Interlocked.Increment(ref _failed);
            // First line only: PostgreSQL messages go on with DETAIL and HINT lines.
            Interlocked.CompareExchange(ref _firstError, $"{e.GetType().Name}: {e.Message.Split('\n')[0].Trim()}", null);
        }
    }

    /// <summary>The <paramref name="p"/>th percentile (nearest rank) of the successful operations, in ms; 0 when none.</summary>
    public double Percentile(double p)
    {
        var sorted = _ms.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    /// <summary>Mean of the successful operations, in ms; 0 when none.</summary>
    public double Mean => _ms.IsEmpty ? 0 : _ms.Average();
}
