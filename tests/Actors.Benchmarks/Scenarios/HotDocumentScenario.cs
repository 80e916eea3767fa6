using Actors.Benchmarks.Hosting;
using Actors.Benchmarks.Running;
using Actors.Contracts;
using Actors.Contracts.Documents;

namespace Actors.Benchmarks.Scenarios;

/// <summary>
/// <c>hot-document</c>: a class annotating one handout. Many annotators at once, each awaiting its own adds (the
/// document writes the adds that arrive during a write together in the next one), against one caller awaiting each
/// add in turn (one write per add): the ratio of the two rows is what group commit (and any batching below it)
/// buys. Comment bodies, and a fresh document each round, keep its size modest (a round adds about as many comments as
/// a class does to a handout in a lesson), so the rows measure concurrency more than size (growth measures size).
/// </summary>
internal sealed class HotDocumentScenario : IScenario
{
    private static readonly Caller Owner = BenchIdentity.Teacher("hot-teacher");

    public string Name => "hot-document";

    public string Measures => "annotation adds to one document: many annotators at once vs one caller awaiting each add";

    public async Task RunAsync(BenchRun run, IReadOnlyList<StorageProvider> providers)
    {
        foreach (var annotators in new[] { 1, run.Sizes.HotDocumentAnnotators })
        {
            var addsEach = annotators == 1 ? run.Sizes.SequentialAdds : run.Sizes.HotDocumentAddsPerAnnotator;
            var samples = await Interleaving.RunAsync(providers, run.Sizes.Rounds, async (provider, round) =>
            {
                var grains = (await run.SiloAsync(provider)).Grains;
                var document = BenchIdentity.DocumentGrain(grains, $"hot-{annotators}-{round}");
                var readers = Enumerable.Range(0, annotators).Select(i => $"hot-student-{i}").ToArray();
                await PrepareAsync(document, readers);
                return await run.MeasureAsync(latencies => Load.Concurrently(annotators, async a =>
                {
                    var caller = BenchIdentity.Reader(readers[a]);
                    for (var i = 0; i < addsEach; i++)
                    {
                        var draft = BenchAnnotations.Draft($"{readers[a]}-{i}", "comment", i);
                        await latencies.Time(() => document.AddAnnotation(caller, draft));
                    }
                }));
            });
            foreach (var provider in providers)
            {
                run.Add(ResultRow.Of(Name, provider.Name, annotators, samples[provider]));
            }
        }
    }

    /// <summary>
    /// Creates the document and shares it with each reader by name (setup, untimed). Sharing by name keeps the
    /// access check inside the document; a class share would add the class's own check to every add.
    /// </summary>
    private static async Task PrepareAsync(IDocumentGrain document, IReadOnlyList<string> readers)
    {
        await Load.SetupAsync(() => document.Create(Owner, new DocumentDraft("Benchmark handout", 4, "blob://bench/handout.pdf")));
        await Task.WhenAll(readers.Select(r => Load.SetupAsync(() => document.ShareWithReader(Owner, r))));
        await Load.SetupAsync(() => document.AddAnnotation(Owner, BenchAnnotations.Draft("warm-up", "comment", 0)));
    }
}
