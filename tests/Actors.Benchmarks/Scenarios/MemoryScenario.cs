using Actors.Benchmarks.Hosting;
using Actors.Benchmarks.Measurement;
using Actors.Benchmarks.Running;
using Actors.Contracts.Students;
using Actors.Testing;

namespace Actors.Benchmarks.Scenarios;

/// <summary>
/// <c>memory</c>: heap bytes per idle student activation. N students with a saved profile are deactivated, then
/// each is activated by one read (its state loaded from storage) and left idle; the managed heap after a full
/// collection, before and after, divided by N. Its own silo, so nothing else lives there. Also reported: the rate
/// and cost of those activations (a cold read through a grain).
/// </summary>
internal sealed class MemoryScenario : IScenario
{
    private const int Callers = 64;

    public string Name => "memory";

    public string Measures => "heap bytes per idle student activation with its persistent state loaded";

    public IReadOnlyList<string>? DefaultProviders => ["actors"];

    public async Task RunAsync(BenchRun run, IReadOnlyList<StorageProvider> providers)
    {
        var count = run.Sizes.MemoryActivations;
        var perCaller = Load.PerCaller(count, Callers);
        foreach (var provider in providers)
        {
            await using var silo = await BenchSilo.StartAsync(run.Database, provider, "memory");
            IStudentGrain Student(int c, int i) => BenchIdentity.StudentGrain(silo.Grains, Id(c, i));

            run.Log.WriteLine($"  memory {provider.Name}: rostering and saving {perCaller * Callers} profiles");
            await BenchIdentity.RosterStudentsAsync(silo.Grains, Enumerable.Range(0, Callers).SelectMany(c => Enumerable.Range(0, perCaller).Select(i => Id(c, i))));
            await Load.Concurrently(Callers, async c =>
            {
                for (var i = 0; i < perCaller; i++)
                {
                    var profile = new StudentProfile { Name = $"Student {c}-{i}", School = "Benchmark High", YearLevel = 1 + (i % 13) };
                    await Load.SetupAsync(() => Student(c, i).UpdateProfile(BenchIdentity.Student(Id(c, i)), profile));
                }
            });
            // Collected again on every probe: an activation busy at the first collection (a timer's turn) stays otherwise.
            await Poll.UntilAsync(
                async () =>
                {
                    await silo.Management.ForceActivationCollection(TimeSpan.Zero);
                    return await StudentActivationsAsync(silo);
                },
                n => n == 0,
                TimeSpan.FromSeconds(120),
                "every student to deactivate");

            var before = HeapBytes();
            if (run.HeapDumpPath is { } beforeDump)
            {
                await HeapDump.WriteAsync($"{beforeDump}.before", run.Log); // the difference is what the activations hold
            }

            var sample = await run.MeasureAsync(latencies => Load.Concurrently(Callers, async c =>
            {
                for (var i = 0; i < perCaller; i++)
                {
                    var (grain, caller) = (Student(c, i), BenchIdentity.Student(Id(c, i)));
                    await latencies.Time(() => grain.GetProfile(caller));
                }
            }));
            var after = HeapBytes();
            var active = await StudentActivationsAsync(silo);
            if (run.HeapDumpPath is { } dump)
            {
                await HeapDump.WriteAsync(dump, run.Log);
            }

            run.Add(ResultRow.Of(Name, provider.Name, Callers, [sample]) with { BytesPerActivation = (double)(after - before) / Math.Max(1, active) });
        }
    }

    private static string Id(int caller, int i) => $"mem-{caller}-{i}";

    private static async Task<int> StudentActivationsAsync(BenchSilo silo)
        => (await silo.Management.GetSimpleGrainStatistics()).Where(s => s.GrainType.Contains("Student", StringComparison.OrdinalIgnoreCase)).Sum(s => s.ActivationCount);

    /// <summary>The managed heap after full, compacting collections (twice: finalizers can free more).</summary>
    private static long HeapBytes()
    {
        for (var i = 0; i < 2; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
