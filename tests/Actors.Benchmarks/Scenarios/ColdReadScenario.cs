using Actors.Benchmarks.Hosting;
using Actors.Benchmarks.Measurement;
using Actors.Benchmarks.Running;
using Orleans.Runtime;

namespace Actors.Benchmarks.Scenarios;

/// <summary>
/// <c>cold-read</c>: C callers read existing rows, each once, as activations do (nothing is cached in the silo; the
/// rows were written just before, so they are in the database's buffer cache, as a recently active school's are).
/// </summary>
internal sealed class ColdReadScenario : IScenario
{
    public string Name => "cold-read";

    public string Measures => "reads of existing ~1 KB grain states through IGrainStorage, each row once (an activation's read)";

    public async Task RunAsync(BenchRun run, IReadOnlyList<StorageProvider> providers)
    {
        var callers = run.Sizes.StorageCallers;
        var perCaller = Load.PerCaller(run.Sizes.StorageOpsPerRound, callers);
        foreach (var provider in providers)
        {
            var storage = (await run.SiloAsync(provider)).Storage;
            await Load.Concurrently(callers, c => StorageCalls.SeedAsync(
                storage, Enumerable.Range(0, run.Sizes.Rounds).SelectMany(round => Keys(round, c, perCaller))));
        }

        var samples = await Interleaving.RunAsync(providers, run.Sizes.Rounds, async (provider, round) =>
        {
            var storage = (await run.SiloAsync(provider)).Storage;
            return await run.MeasureAsync(latencies => Load.Concurrently(callers, c => ReadAsync(storage, Keys(round, c, perCaller), latencies)));
        });
        foreach (var provider in providers)
        {
            run.Add(ResultRow.Of(Name, provider.Name, callers, samples[provider]));
        }
    }

    private static IEnumerable<string> Keys(int round, int caller, int count) => Enumerable.Range(0, count).Select(i => $"cold-{round}-{caller}-{i}");

    private static async Task ReadAsync(Orleans.Storage.IGrainStorage storage, IEnumerable<string> keys, Latencies latencies)
    {
        foreach (var key in keys)
        {
            var state = new GrainState<BenchState>();
            await latencies.Time(async () =>
            {
                await storage.ReadStateAsync(StorageCalls.StateName, StorageCalls.Grain(key), state);
                if (!state.RecordExists)
                {
                    throw new InvalidOperationException($"Row {key} was seeded but reads as missing.");
                }
            });
        }
    }
}
