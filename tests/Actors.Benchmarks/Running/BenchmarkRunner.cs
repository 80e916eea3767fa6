using System.Diagnostics;
using Actors.Benchmarks.Hosting;
using Actors.Benchmarks.Scenarios;

namespace Actors.Benchmarks.Running;

/// <summary>Runs the selected scenarios in one process against one database server, prints the table and writes the JSON.</summary>
internal static class BenchmarkRunner
{
    /// <summary>The suite, in the order it runs (the storage scenarios first, memory, which needs a silo of its own, last).</summary>
    public static IReadOnlyList<IScenario> Scenarios { get; } =
    [
        new FirstWriteScenario(),
        new UpdateScenario(),
        new ColdReadScenario(),
        new HotDocumentScenario(),
        new GrowthScenario(),
        new ActivationScenario(),
        new StudentGrowthScenario(),
        new GatewayScenario(),
        new MemoryScenario(),
    ];

    /// <exception cref="ArgumentException">A scenario or provider named in <paramref name="options"/> does not exist.</exception>
    public static async Task<BenchResults> RunAsync(BenchOptions options, TextWriter output, TextWriter log, CancellationToken cancellationToken = default)
    {
        var scenarios = Select(options.Scenarios);
        var named = options.Providers.Select(StorageProvider.Named).ToList();
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var loadBefore = RunInfo.LoadAverages();
        IReadOnlyList<ResultRow> rows;
        string database;
        var errors = new List<string>();
        await using (var server = await BenchDatabaseServer.StartAsync(options.Database))
        {
            database = server.Description;
            await using var run = new BenchRun(options, server, log, cancellationToken);
            foreach (var scenario in scenarios)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    errors.Add($"{scenario.Name}: not run (the run was stopped)");
                    continue;
                }

                var providers = named.Count > 0 ? named
                    : scenario.DefaultProviders?.Select(StorageProvider.Named).ToList() ?? [.. StorageProvider.All];
                log.WriteLine($"## {scenario.Name}: {scenario.Measures} ({string.Join(", ", providers)})");
                var scenarioClock = Stopwatch.StartNew();
                try
                {
                    await scenario.RunAsync(run, providers);
                    log.WriteLine($"  ({scenario.Name} took {scenarioClock.Elapsed.TotalSeconds:0} s)");
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    errors.Add($"{scenario.Name}: stopped");
                }
                catch (Exception e)
                {
                    // One broken scenario must not cost the others' figures; the run reports it and fails.
                    log.WriteLine($"Scenario {scenario.Name} failed: {e}");
                    errors.Add($"{scenario.Name}: {e.GetType().Name}: {e.Message}");
                }
            }

            rows = InPrintOrder(run.Rows);
        }

        var results = new BenchResults
        {
            Run = new RunInfo
            {
                StartedUtc = started,
                Minutes = Math.Round(clock.Elapsed.TotalMinutes, 2),
                Quick = options.Quick,
                Database = database,
                LoadBefore = loadBefore,
                LoadAfter = RunInfo.LoadAverages(),
            },
            Rows = rows,
            Errors = errors,
        };
        ResultTable.Write(output, results);
        if (options.JsonPath is { } path)
        {
            await results.WriteAsync(path);
            log.WriteLine($"Rows written to {Path.GetFullPath(path)}");
        }

        return results;
    }

    /// <summary>
    /// The rows grouped by configuration (scenario, body, sizes, concurrency) in the order the run first measured
    /// each, and within a group by provider in <see cref="StorageProvider.All"/> order: providers side by side, however
    /// their turns were interleaved.
    /// </summary>
    public static IReadOnlyList<ResultRow> InPrintOrder(IReadOnlyList<ResultRow> rows)
    {
        var providerOrder = StorageProvider.All.Select(p => p.Name).ToList();
        return [.. rows
            .GroupBy(r => (r.Scenario, r.Body, r.Annotations, r.Items, r.Concurrency))
            .SelectMany(g => g.OrderBy(r => providerOrder.IndexOf(r.Provider) is var i && i < 0 ? int.MaxValue : i))];
    }

    /// <summary>The scenarios <paramref name="names"/> select (by name or by a row scenario they produce); all if none.</summary>
    /// <exception cref="ArgumentException">A name selects nothing.</exception>
    public static IReadOnlyList<IScenario> Select(IReadOnlyList<string> names)
    {
        foreach (var name in names)
        {
            if (!Scenarios.Any(s => Selects(s, name)))
            {
                throw new ArgumentException($"Unknown scenario '{name}'; known: {string.Join(", ", Scenarios.SelectMany(s => s.RowScenarios.Prepend(s.Name)).Distinct())}.", nameof(names));
            }
        }

        return names.Count == 0 ? Scenarios : [.. Scenarios.Where(s => names.Any(n => Selects(s, n)))];
    }

    private static bool Selects(IScenario scenario, string name) => scenario.Name == name || scenario.RowScenarios.Contains(name);
}
