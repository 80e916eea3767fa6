using Actors.Benchmarks.Hosting;
using Actors.Benchmarks.Running;
using Actors.Contracts;
using Actors.Contracts.Documents;

namespace Actors.Benchmarks.Scenarios;

/// <summary>
/// <c>activation</c>: the first call to a document of N ink strokes (200 points each) after it was deactivated — its
/// state row and item rows read and loaded — at each size of <see cref="BenchSizes.GrowthSizes"/>. The same figure as
/// <c>growth-activation</c>'s ink rows, without the timed adds, so it can be run on its own while working on the read
/// path (<c>--scenario activation</c>); the target is under 100 ms at 10,000 annotations. Ours only by default.
/// </summary>
internal sealed class ActivationScenario : IScenario
{
    private const string Body = "ink";

    /// <summary>Activations measured per size (each after a deactivation).</summary>
    private const int ActivationsPerSize = 5;

    public string Name => "activation";

    public string Measures => "the first call to a document of N ink annotations after it was deactivated (state and items read and loaded)";

    public IReadOnlyList<string>? DefaultProviders => ["actors"];

    public async Task RunAsync(BenchRun run, IReadOnlyList<StorageProvider> providers)
    {
        var filled = new Dictionary<string, int>();
        var turn = 0;
        foreach (var size in run.Sizes.GrowthSizes)
        {
            foreach (var provider in Interleaving.Turns(providers, turn++))
            {
                var silo = await run.SiloAsync(provider);
                var document = BenchIdentity.DocumentGrain(silo.Grains, "activation-ink");
                var count = filled.GetValueOrDefault(provider.Name, -1);
                if (count < 0)
                {
                    await Load.SetupAsync(() => document.Create(GrowthScenario.Owner, new DocumentDraft("Activation (ink)", 4, "blob://bench/activation.pdf")));
                    count = 0;
                }

                var target = Math.Min(size, GrowthScenario.MostAnnotations(Body));
                run.Log.WriteLine($"  activation {provider.Name}: filling {count} -> {target}");
                count = await GrowthScenario.FillAsync(document, Body, count, target);
                filled[provider.Name] = count;

                var activations = new List<Sample>();
                for (var i = 0; i < ActivationsPerSize; i++)
                {
                    await silo.DeactivateAsync(document);
                    activations.Add(await run.MeasureAsync(latencies => latencies.Time(() => document.GetInfo(GrowthScenario.Owner))));
                }

                run.Add(ResultRow.Of(Name, provider.Name, 1, [Sample.Merge(activations)]) with { Annotations = count, Body = Body });
            }
        }
    }
}
