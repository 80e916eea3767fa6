using Actors.Benchmarks.Hosting;
using Actors.Benchmarks.Running;
using Actors.Contracts.Students;

namespace Actors.Benchmarks.Scenarios;

/// <summary>
/// <c>student-growth</c>: one awaited <c>UpdateGoalProgress</c> on a student already holding N reflections, at each
/// size of <see cref="BenchSizes.StudentReflections"/> (rows' <c>items</c>). A student whose state is written whole
/// pays for every reflection on every change; one whose collections are stored per item writes the goal's row and the
/// small state row, so the figure stays flat. Ours only by default.
/// </summary>
internal sealed class StudentGrowthScenario : IScenario
{
    private const string GoalId = "goal";

    public string Name => "student-growth";

    public string Measures => "one awaited UpdateGoalProgress on a student already holding N reflections";

    public IReadOnlyList<string>? DefaultProviders => ["actors"];

    public async Task RunAsync(BenchRun run, IReadOnlyList<StorageProvider> providers)
    {
        var turn = 0;
        foreach (var size in run.Sizes.StudentReflections)
        {
            foreach (var provider in Interleaving.Turns(providers, turn++))
            {
                // A student of its own per size, so each size starts from a fresh activation's state.
                var silo = await run.SiloAsync(provider);
                var studentId = $"student-growth-{provider.Name}-{size}";
                var me = BenchIdentity.Student(studentId);
                var student = BenchIdentity.StudentGrain(silo.Grains, studentId);
                await BenchIdentity.RosterStudentsAsync(silo.Grains, [studentId]);
                await Load.SetupAsync(() => student.CreateGoal(me, GoalId, new GoalDraft("Write every day")));
                run.Log.WriteLine($"  student-growth {provider.Name}: filling 0 -> {size} reflections");
                for (var i = 0; i < size; i++)
                {
                    var draft = new ReflectionDraft($"Reflection {i}: {Filler}", ReflectionSubject.Goal, GoalId);
                    await Load.SetupAsync(() => student.WriteReflection(me, $"r{i:D4}", draft));
                }

                var progress = 0;
                var sample = await run.MeasureAsync(async latencies =>
                {
                    for (var i = 0; i < run.Sizes.StudentUpdatesPerSize; i++)
                    {
                        var percent = ++progress % 100;
                        await latencies.Time(() => student.UpdateGoalProgress(me, GoalId, percent));
                    }
                });
                run.Add(ResultRow.Of(Name, provider.Name, 1, [sample]) with { Items = size });
            }
        }
    }

    /// <summary>About 300 bytes of text: a reflection of a few sentences.</summary>
    private static readonly string Filler = string.Concat(Enumerable.Repeat("Today I practised and it went better than last week. ", 6));
}
