using Actors.Benchmarks.Hosting;
using Actors.Benchmarks.Running;

namespace Actors.Benchmarks.Scenarios;

/// <summary>
/// <c>first-write</c>: C callers each insert rows that do not exist yet (a grain's first write: no ETag). Under
/// SERIALIZABLE, concurrent inserts of different grains may still conflict, depending on what each provider reads
/// to decide that the row is new.
/// </summary>
internal sealed class FirstWriteScenario : IScenario
{
    public string Name => "first-write";

    public string Measures => "inserts of new ~1 KB grain states through IGrainStorage";

    public async Task RunAsync(BenchRun run, IReadOnlyList<StorageProvider> providers)
    {
        var callers = run.Sizes.StorageCallers;
        var perCaller = Load.PerCaller(run.Sizes.StorageOpsPerRound, callers);
        var samples = await Interleaving.RunAsync(providers, run.Sizes.Rounds, async (provider, round) =>
        {
            var storage = (await run.SiloAsync(provider)).Storage;
            return await run.MeasureAsync(latencies => Load.Concurrently(callers, c =>
                StorageCalls.InsertAsync(storage, Enumerable.Range(0, perCaller).Select(i => $"first-{round}-{c}-{i}"), latencies)));
        });
        foreach (var provider in providers)
        {
            run.Add(ResultRow.Of(Name, provider.Name, callers, samples[provider]));
        }
    }
}
