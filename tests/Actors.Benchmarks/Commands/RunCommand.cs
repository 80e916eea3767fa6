using System.CommandLine;
using Actors.Benchmarks.Hosting;
using Actors.Benchmarks.Running;

namespace Actors.Benchmarks.Commands;

/// <summary>The root command: runs the suite (all of it, or the scenarios and providers named), prints the table.</summary>
internal static class RunCommand
{
    public static RootCommand Create()
    {
        var quick = new Option<bool>("--quick") { Description = "Small sizes, one round: a smoke run of seconds that proves every scenario runs (CI). Not figures." };
        var json = new Option<string?>("--json") { Description = "Also write the rows to this JSON file (the input of `capacity --from`)" };
        var scenarios = new Option<string[]>("--scenario") { Description = "Run only these scenarios (repeatable; a gateway-* or growth-* name selects its group)" };
        var providers = new Option<string[]>("--provider") { Description = "Measure only these providers (repeatable; default: each scenario's own set)" };
        var rounds = new Option<int?>("--rounds") { Description = "Rounds per measurement, providers interleaved; rows are medians (default 5, --quick 1)" };
        var database = new Option<string?>("--database") { Description = "Admin connection string of an existing PostgreSQL server to use instead of a server of the run's own (database CPU and WAL are then not measured)" };
        var heapDump = new Option<string?>("--heap-dump") { Description = "memory: write heap dumps of this process with dotnet-dump (on PATH) to FILE.before before the activations and to FILE once they are idle; the difference of their `dotnet-dump analyze FILE -c \"dumpheap -stat\"` is what the activations hold" };
        scenarios.AcceptOnlyFromAmong([.. BenchmarkRunner.Scenarios.SelectMany(s => s.RowScenarios.Prepend(s.Name)).Distinct()]);
        providers.AcceptOnlyFromAmong([.. StorageProvider.All.Select(p => p.Name)]);
        rounds.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 1)
            {
                result.AddError("--rounds must be at least 1.");
            }
        });

        var command = new RootCommand(
            "Actors benchmarks: the stock ADO.NET storage and ours side by side (first-write, update, cold-read, hot-document, growth), "
            + "the gateway (echo, read, write) and memory per activation, on a PostgreSQL server of the run's own. Prints a table; "
            + "`capacity` turns a run's JSON into the capacity model.")
        {
            quick, json, scenarios, providers, rounds, database, heapDump,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new BenchOptions
            {
                Quick = parse.GetValue(quick),
                JsonPath = parse.GetValue(json),
                Scenarios = parse.GetValue(scenarios) ?? [],
                Providers = parse.GetValue(providers) ?? [],
                Rounds = parse.GetValue(rounds),
                Database = parse.GetValue(database),
                HeapDumpPath = parse.GetValue(heapDump),
            };
            var results = await BenchmarkRunner.RunAsync(options, Console.Out, Console.Error, cancellationToken);
            return results.Errors.Count == 0 && results.Rows.Count > 0 ? 0 : 1;
        });
        return command;
    }
}
