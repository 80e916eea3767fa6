using System.Diagnostics;
using System.Diagnostics.Metrics;
using Actors.Contracts;
using Actors.Contracts.Documents;
using Actors.Persistence.CockroachDb.Diagnostics;

namespace Actors.Benchmarks;

/// <summary>
/// N annotation adds to one document: one caller awaiting each add (each add is its own write), against N callers
/// at once (the document coalesces adds that arrive during a write into the next one).
/// </summary>
internal static class GroupCommitBenchmark
{
    public static async Task RunAsync(BenchSilo silo, int adds)
    {
        Console.WriteLine($"## Document group commit: {adds} annotation adds to one document");
        Console.WriteLine("| callers | wall ms | adds/s | storage writes | adds per write |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        var owner = Caller.Teacher("bench-school", "bench-teacher");
        double? sequentialRate = null;
        foreach (var concurrent in new[] { false, true })
        {
            var document = silo.Grains.GetGrain<IDocumentGrain>(GrainKeys.For(owner.SchoolId, $"bench-doc-{(concurrent ? "concurrent" : "sequential")}"));
            await document.Create(owner, new DocumentDraft("Benchmark handout", 4, "blob://bench/handout.pdf"));
            using var writes = new WriteCounter();
            var clock = Stopwatch.StartNew();
            if (concurrent)
            {
                await Task.WhenAll(Enumerable.Range(0, adds).Select(i => document.AddAnnotation(owner, Draft(i))));
            }
            else
            {
                for (var i = 0; i < adds; i++)
                {
                    await document.AddAnnotation(owner, Draft(i));
                }
            }

            var ms = clock.Elapsed.TotalMilliseconds;
            var rate = adds / (ms / 1000);
            sequentialRate ??= rate;
            Console.WriteLine($"| {(concurrent ? $"{adds} at once" : "1, one add at a time")} | {ms:0} | {rate:0} | {writes.Total} | {(double)adds / Math.Max(1, writes.Total):0.0} |");
        }

        Console.WriteLine();
    }

    private static AnnotationDraft Draft(int i)
        => new($"bench-{i:D4}", 1 + (i % 4), new CommentBody { Anchor = new PagePoint(0.5, 0.5), Text = $"comment {i}" });

    /// <summary>Counts storage writes through the provider's meter.</summary>
    private sealed class WriteCounter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _total;

        public WriteCounter()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == CockroachStorageMetrics.MeterName && instrument.Name == "actors.storage.operations")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag.Key == "operation" && (string?)tag.Value == "write")
                    {
                        Interlocked.Add(ref _total, value);
                    }
                }
            });
            _listener.Start();
        }

        public long Total => Interlocked.Read(ref _total);

        public void Dispose() => _listener.Dispose();
    }
}
