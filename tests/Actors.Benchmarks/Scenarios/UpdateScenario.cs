using Actors.Benchmarks.Hosting;
using Actors.Benchmarks.Running;
using Orleans.Runtime;

namespace Actors.Benchmarks.Scenarios;

/// <summary>
/// <c>update</c>: C callers, each owning one existing row, rewrite it again and again (a grain's writes after the
/// first: conditional on the ETag it holds), at each concurrency of <see cref="BenchSizes.UpdateCallers"/>.
/// </summary>
internal sealed class UpdateScenario : IScenario
{
    public string Name => "update";

    public string Measures => "rewrites of existing ~1 KB grain states, each conditional on its ETag, through IGrainStorage";

    public async Task RunAsync(BenchRun run, IReadOnlyList<StorageProvider> providers)
    {
        foreach (var callers in run.Sizes.UpdateCallers)
        {
            var perCaller = Load.PerCaller(run.Sizes.StorageOpsPerRound, callers);
            var samples = await Interleaving.RunAsync(providers, run.Sizes.Rounds, async (provider, round) =>
            {
                var storage = (await run.SiloAsync(provider)).Storage;

                // Setup, untimed: each caller's row exists and its state (with the ETag) is in hand, as in an activation.
                var states = new GrainState<BenchState>[callers];
                await Load.Concurrently(callers, async c =>
                {
                    states[c] = new GrainState<BenchState> { State = BenchState.For(0) };
                    await Load.SetupAsync(() => storage.WriteStateAsync(StorageCalls.StateName, Key(callers, round, c), states[c]));
                });
                return await run.MeasureAsync(latencies => Load.Concurrently(callers, async c =>
                {
                    for (var w = 1; w <= perCaller; w++)
                    {
                        states[c].State = BenchState.For(w);
                        await latencies.Time(() => storage.WriteStateAsync(StorageCalls.StateName, Key(callers, round, c), states[c]));
                    }
                }));
            });
            foreach (var provider in providers)
            {
                run.Add(ResultRow.Of(Name, provider.Name, callers, samples[provider]));
            }
        }
    }

    private static GrainId Key(int callers, int round, int caller) => StorageCalls.Grain($"update-{callers}-{round}-{caller}");
}
