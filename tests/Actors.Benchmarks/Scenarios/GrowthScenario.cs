using System.Text.Json;
using Actors.Benchmarks.Hosting;
using Actors.Benchmarks.Running;
using Actors.Contracts;
using Actors.Contracts.Documents;

namespace Actors.Benchmarks.Scenarios;

/// <summary>
/// <c>growth</c>: one awaited add to a document that already holds N annotations (comment or ink bodies), at each
/// size of <see cref="BenchSizes.GrowthSizes"/>; and <c>growth-activation</c>: the first call to that document after
/// it was deactivated (its state read and loaded). A storage that writes the whole state makes both grow with N; one
/// that stores changes keeps the add flat. Providers take turns at each size.
/// </summary>
internal sealed class GrowthScenario : IScenario
{
    /// <summary>Adds sent at once while filling: the document's default most changes per write.</summary>
    private const int FillChunk = 500;

    internal static readonly Caller Owner = BenchIdentity.Teacher("growth-teacher");

    public string Name => "growth";

    public IReadOnlyList<string> RowScenarios => ["growth", "growth-activation"];

    public string Measures => "one awaited annotation add, and an activation, of a document already holding N annotations";

    public async Task RunAsync(BenchRun run, IReadOnlyList<StorageProvider> providers)
    {
        var filled = new Dictionary<(string Provider, string Body), int>();
        var turn = 0;
        foreach (var size in run.Sizes.GrowthSizes)
        {
            foreach (var body in BenchAnnotations.Bodies)
            {
                foreach (var provider in Interleaving.Turns(providers, turn++))
                {
                    var silo = await run.SiloAsync(provider);
                    var document = BenchIdentity.DocumentGrain(silo.Grains, $"growth-{body}");
                    var count = filled.GetValueOrDefault((provider.Name, body), -1);
                    if (count < 0)
                    {
                        await Load.SetupAsync(() => document.Create(Owner, new DocumentDraft($"Growth ({body})", 4, "blob://bench/growth.pdf")));
                        count = 0;
                    }

                    // The document holds at most DomainLimits.AnnotationsPerDocument: the last size stops short of it by
                    // the adds measured there, and the rows say the size the adds actually met.
                    var adds = run.Sizes.GrowthAddsPerSize;
                    var target = Math.Min(size, MostAnnotations(body) - adds);
                    run.Log.WriteLine($"  growth {provider.Name} {body}: filling {count} -> {target}");
                    count = await FillAsync(document, body, count, target);
                    var addSample = await run.MeasureAsync(async latencies =>
                    {
                        for (var i = 0; i < adds; i++)
                        {
                            var draft = BenchAnnotations.Draft($"add-{count}-{i}", body, i);
                            await latencies.Time(() => document.AddAnnotation(Owner, draft));
                        }
                    });
                    filled[(provider.Name, body)] = count + adds;

                    var activations = new List<Sample>();
                    for (var i = 0; i < adds; i++)
                    {
                        await silo.DeactivateAsync(document);
                        activations.Add(await run.MeasureAsync(latencies => latencies.Time(() => document.GetInfo(Owner))));
                    }

                    var bodyBytes = JsonSerializer.SerializeToUtf8Bytes(BenchAnnotations.Draft("x", body, 0).Body, JsonSerializerOptions.Web).Length;
                    run.Add(ResultRow.Of("growth", provider.Name, 1, [addSample]) with { Annotations = count, Body = body, BodyBytes = bodyBytes });
                    run.Add(ResultRow.Of("growth-activation", provider.Name, 1, [Sample.Merge(activations)]) with { Annotations = count + adds, Body = body });
                }
            }
        }
    }

    /// <summary>
    /// The most annotations of <paramref name="body"/> a document may hold: the count limit, or for ink (200 points,
    /// about 3.3 KB stored each) the byte limit, which 10,000 strokes pass. The estimate per annotation is the body's
    /// JSON plus a generous allowance for its id, author and times, so a fill never meets the quota.
    /// </summary>
    internal static int MostAnnotations(string body)
    {
        const int PerAnnotationAllowance = 256;
        var bodyBytes = JsonSerializer.SerializeToUtf8Bytes(BenchAnnotations.Draft("x", body, 0).Body, JsonSerializerOptions.Web).Length;
        return Math.Min(DomainLimits.AnnotationsPerDocument, DomainLimits.AnnotationBytesPerDocument / (bodyBytes + PerAnnotationAllowance));
    }

    /// <summary>Adds annotations until the document holds <paramref name="target"/>, many at once (setup, untimed).</summary>
    internal static async Task<int> FillAsync(IDocumentGrain document, string body, int count, int target)
    {
        while (count < target)
        {
            var chunk = Math.Min(FillChunk, target - count);
            var from = count;
            await Task.WhenAll(Enumerable.Range(from, chunk).Select(i =>
                Load.SetupAsync(() => document.AddAnnotation(Owner, BenchAnnotations.Draft($"fill-{i}", body, i)))));
            count += chunk;
        }

        return count;
    }
}
