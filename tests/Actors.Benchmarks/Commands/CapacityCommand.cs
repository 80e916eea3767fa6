using System.CommandLine;
using Actors.Benchmarks.Capacity;
using Actors.Benchmarks.Running;
using Actors.Testing;

namespace Actors.Benchmarks.Commands;

/// <summary>
/// <c>capacity --from results.json</c>: the capacity model from a run's measured costs and the stated workload. Prints
/// the figures as Markdown; <c>--update</c> puts them into the generated section of <c>docs/capacity.md</c>.
/// </summary>
internal static class CapacityCommand
{
    public static Command Create()
    {
        var from = new Option<FileInfo>("--from") { Description = "A results file written by a run with --json", Required = true };
        var workload = new Option<FileInfo>("--workload")
        {
            Description = "The workload: users, ramp, peak shares, operations and their costs, machine shapes (default docs/capacity-workload.json)",
            DefaultValueFactory = _ => new FileInfo(Repository.Path("docs", "capacity-workload.json")),
        };
        var provider = new Option<string>("--provider") { Description = "Whose storage costs to size with", DefaultValueFactory = _ => "actors" };
        var update = new Option<FileInfo?>("--update") { Description = "Also rewrite the generated section of this Markdown file (e.g. docs/capacity.md)" };
        from.AcceptExistingOnly();
        workload.AcceptExistingOnly();

        var command = new Command("capacity", "How many silos and CockroachDB vCPUs the workload needs at the lesson-start peak, today and through the ramp, from a run's measured costs.")
        {
            from, workload, provider, update,
        };
        command.SetAction(async parse =>
        {
            var fromFile = parse.GetValue(from)!;
            try
            {
                var results = await BenchResults.ReadAsync(fromFile.FullName);
                var report = CapacityReport.Write(results, fromFile.Name, Workload.Read(parse.GetValue(workload)!.FullName), new CostTable(results.Rows, parse.GetValue(provider)!));
                Console.Write(report);
                if (parse.GetValue(update) is { } document)
                {
                    await File.WriteAllTextAsync(document.FullName, CapacityReport.ReplaceSection(await File.ReadAllTextAsync(document.FullName), report));
                    Console.Error.WriteLine($"Updated {document.FullName}");
                }

                return 0;
            }
            catch (InvalidDataException e)
            {
                Console.Error.WriteLine(e.Message);
                return 2;
            }
        });
        return command;
    }
}
