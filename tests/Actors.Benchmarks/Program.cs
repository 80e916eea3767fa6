using Actors.Benchmarks;

// Figures, not pass/fail: the machine is shared and noisy, so compare the rows of one run with each other.
// Needs the test PostgreSQL server (scripts/pg.sh start).
// Usage: dotnet run -c Release --project tests/Actors.Benchmarks [writesPerGrain=100] [adds=200] [gatewaySeconds=5]
var writesPerGrain = args.Length > 0 ? int.Parse(args[0]) : 100;
var adds = args.Length > 1 ? int.Parse(args[1]) : 200;
var gatewaySeconds = args.Length > 2 ? int.Parse(args[2]) : 5;

Console.WriteLine($"# Actors benchmarks ({Environment.ProcessorCount} cores, PostgreSQL at SERIALIZABLE)");
Console.WriteLine();
await using (var silo = await BenchSilo.StartAsync())
{
    await StorageBenchmark.RunAsync(silo, writesPerGrain);
    await GroupCommitBenchmark.RunAsync(silo, adds);
}

await GatewayBenchmark.RunAsync(TimeSpan.FromSeconds(gatewaySeconds), Console.Out);
