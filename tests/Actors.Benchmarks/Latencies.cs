using System.Collections.Concurrent;
using System.Diagnostics;

namespace Actors.Benchmarks;

/// <summary>Collects operation latencies and summarises them.</summary>
internal sealed class Latencies
{
    private readonly ConcurrentBag<double> _ms = [];

    public async Task<T> Time<T>(Func<Task<T>> operation)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await operation();
        _ms.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return result;
    }

    public async Task Time(Func<Task> operation)
    {
        var started = Stopwatch.GetTimestamp();
        await operation();
        _ms.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    public int Count => _ms.Count;

    public double Percentile(double p)
    {
        var sorted = _ms.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p / 100 * sorted.Length) - 1)];
    }
}
