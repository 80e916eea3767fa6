using System.Diagnostics;
using Orleans.Runtime;
using Orleans.Storage;

namespace Actors.Benchmarks;

/// <summary>
/// The provider alone: each of C concurrent "grains" writes its own row W times (a read first, as an activation
/// does). Every write is a SERIALIZABLE transaction of two round trips (statement, COMMIT).
/// </summary>
internal static class StorageBenchmark
{
    public sealed class Doc
    {
        public string Title { get; set; } = "";

        public List<string> Notes { get; set; } = [];
    }

    public static async Task RunAsync(BenchSilo silo, int writesPerGrain)
    {
        await RoundAsync(silo, "warm-up", 4, 25, new Latencies()); // JIT, connection pool, prepared plans

        Console.WriteLine($"## Storage provider: writes of a ~1 KB state, {writesPerGrain} per grain");
        Console.WriteLine("| concurrent grains | writes | writes/s | p50 ms | p99 ms |");
        Console.WriteLine("|---:|---:|---:|---:|---:|");
        foreach (var concurrency in new[] { 1, 8, 32 })
        {
            var latencies = new Latencies();
            var clock = Stopwatch.StartNew();
            await RoundAsync(silo, $"c{concurrency}", concurrency, writesPerGrain, latencies);
            var seconds = clock.Elapsed.TotalSeconds;
            Console.WriteLine($"| {concurrency} | {latencies.Count} | {latencies.Count / seconds:0} | {latencies.Percentile(50):0.0} | {latencies.Percentile(99):0.0} |");
        }

        Console.WriteLine();
    }

    private static Task RoundAsync(BenchSilo silo, string round, int concurrency, int writesPerGrain, Latencies latencies)
        => Task.WhenAll(Enumerable.Range(0, concurrency).Select(g => Task.Run(async () =>
            {
                var grain = GrainId.Create("bench", $"{round}-g{g}");
                var state = new GrainState<Doc>();
                await silo.Storage.ReadStateAsync("doc", grain, state);
                state.State ??= new Doc();
                for (var w = 0; w < writesPerGrain; w++)
                {
                    state.State.Title = $"write {w}";
                    state.State.Notes = [.. Enumerable.Range(0, 16).Select(i => $"note {i} of write {w}: the quick brown fox jumps over the lazy dog")];
                    await latencies.Time(() => silo.Storage.WriteStateAsync("doc", grain, state));
                }
            })));
}
