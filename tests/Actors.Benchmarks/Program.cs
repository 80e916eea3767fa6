using System.CommandLine;
using Actors.Benchmarks.Commands;

// Figures, not pass/fail: the machine is shared and noisy, so compare the rows of one run with each other.
// dotnet run -c Release --project tests/Actors.Benchmarks -- [--quick] [--json PATH] [--scenario NAME]... [--provider NAME]...
// dotnet run -c Release --project tests/Actors.Benchmarks -- capacity --from results.json
var root = RunCommand.Create();
root.Subcommands.Add(CapacityCommand.Create());
// Ctrl-C stops a run at its next round; the grace lets it stop its silos and its database server on the way out.
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(30) });
