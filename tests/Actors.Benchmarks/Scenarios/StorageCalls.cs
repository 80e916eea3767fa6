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
            await Load.SetupAsync(() => storage.WriteStateAsync(StateName, Grain(key), state));
        }
    }
}
