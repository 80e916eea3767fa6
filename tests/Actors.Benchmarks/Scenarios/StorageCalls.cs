using Actors.Benchmarks.Measurement;
using Orleans.Runtime;
using Orleans.Storage;

namespace Actors.Benchmarks.Scenarios;

/// <summary>
/// Calls straight to a provider's <see cref="IGrainStorage"/>, as a grain's <c>IPersistentState</c> makes them, on
/// rows of the benchmark's own grain type: the storage scenarios measure the provider, not the grains.
/// </summary>
internal static class StorageCalls
{
    /// <summary>The state name in every call (a grain's <c>[PersistentState]</c> name).</summary>
    public const string StateName = "bench";

    public static GrainId Grain(string key) => GrainId.Create("benchgrain", key);

    /// <summary>Runs <paramref name="callers"/> concurrent callers; caller <c>c</c> runs <paramref name="caller"/>(c).</summary>
    public static Task Concurrently(int callers, Func<int, Task> caller)
        => Task.WhenAll(Enumerable.Range(0, callers).Select(c => Task.Run(() => caller(c))));

    /// <summary>Writes a new row (no ETag: an insert) for each key, timing each write.</summary>
    public static async Task InsertAsync(IGrainStorage storage, IEnumerable<string> keys, Latencies latencies)
    {
        foreach (var key in keys)
        {
            var state = new GrainState<BenchState> { State = BenchState.For(0) };
            await latencies.Time(() => storage.WriteStateAsync(StateName, Grain(key), state));
        }
    }

    /// <summary>Writes a new row for each key, untimed (setup).</summary>
    public static async Task SeedAsync(IGrainStorage storage, IEnumerable<string> keys)
    {
        foreach (var key in keys)
        {
            var state = new GrainState<BenchState> { State = BenchState.For(0) };
            await SetupAsync(() => storage.WriteStateAsync(StateName, Grain(key), state));
        }
    }

    /// <summary>
    /// Runs a setup step, retrying it until it succeeds (within a bound): setup is not measured, and the stock
    /// provider, which never retries, fails most concurrent inserts under SERIALIZABLE (a failed insert left no row,
    /// so it can be rerun). Random pauses spread the retries out so that they stop colliding.
    /// </summary>
    public static async Task SetupAsync(Func<Task> step)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await step();
                return;
            }
            catch (Exception) when (attempt < 50)
            {
                await Task.Delay(Random.Shared.Next(1, Math.Min(200, 10 * attempt)));
            }
        }
    }

    /// <summary>Operations per caller so that a round has at least <paramref name="opsPerRound"/> in all.</summary>
    public static int PerCaller(int opsPerRound, int callers) => Math.Max(1, (opsPerRound + callers - 1) / callers);
}
