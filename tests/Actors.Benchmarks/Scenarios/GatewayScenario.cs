using System.Diagnostics;
using Actors.Api.Client;
using Actors.Api.V1;
using Actors.Benchmarks.Echo;
using Actors.Benchmarks.Hosting;
using Actors.Benchmarks.Running;
using Grpc.Core;

namespace Actors.Benchmarks.Scenarios;

/// <summary>
/// <c>gateway-echo</c>, <c>gateway-read</c>, <c>gateway-write</c>: S concurrent streams on one HTTP/2 connection to
/// the gateway for a fixed time, each stream a student with a token of its own: an echo that touches no grain (the
/// gateway's fixed cost), the student's profile (a grain already active: a cached read), and a profile update (a
/// grain call and one storage write). The three take turns in each round. The gateway, its Orleans client, the silo
/// and the streams' client share this process, so CPU per call is of all of them.
/// </summary>
internal sealed class GatewayScenario : IScenario
{
    public string Name => "gateway";

    public IReadOnlyList<string> RowScenarios => ["gateway-echo", "gateway-read", "gateway-write"];

    public string Measures => "calls through the gRPC gateway: an echo (no grain), a cached read, a write";

    public IReadOnlyList<string>? DefaultProviders => ["actors"];

    public async Task RunAsync(BenchRun run, IReadOnlyList<StorageProvider> providers)
    {
        var streams = run.Sizes.GatewayStreams;
        foreach (var provider in providers)
        {
            var silo = await run.SiloAsync(provider);
            await using var gateway = await BenchGateway.StartAsync(silo);
            var students = Enumerable.Range(0, streams).Select(i => $"gw-student-{i}").ToArray();
            var options = students.Select(s => Bearer.Options(BenchIdentity.StudentToken(s))).ToArray();
            await BenchIdentity.RosterStudentsAsync(silo.Grains, students);
            var studentApi = new StudentService.StudentServiceClient(gateway.Channel);
            var echoApi = new EchoService.EchoServiceClient(gateway.Channel);
            var writes = new int[streams];

            var calls = new Dictionary<string, Func<int, Task>>
            {
                ["gateway-echo"] = s => echoApi.EchoAsync(new EchoRequest { Payload = $"{students[s]}: Benchmark High, year 10" }, options[s]).ResponseAsync,
                ["gateway-read"] = s => studentApi.GetProfileAsync(new GetProfileRequest { StudentId = students[s] }, options[s]).ResponseAsync,
                ["gateway-write"] = s => studentApi.UpdateProfileAsync(new UpdateProfileRequest { StudentId = students[s], Profile = Profile(++writes[s]) }, options[s]).ResponseAsync,
            };

            // Untimed: each student's profile exists (reads find it), then JIT, connections and activations warm up.
            await Load.Concurrently(streams, s => Load.SetupAsync(() => calls["gateway-write"](s)));
            foreach (var call in calls.Values)
            {
                await Load.Concurrently(streams, async s =>
                {
                    for (var i = 0; i < run.Sizes.GatewayWarmupCalls / streams; i++)
                    {
                        await call(s);
                    }
                });
            }

            var samples = await Interleaving.RunAsync([.. calls.Keys], run.Sizes.Rounds, (name, _) => run.MeasureAsync(latencies =>
            {
                var clock = Stopwatch.StartNew();
                return Load.Concurrently(streams, async s =>
                {
                    while (clock.Elapsed < run.Sizes.GatewayRound)
                    {
                        await latencies.Time(() => calls[name](s));
                    }
                });
            }));
            foreach (var (name, rounds) in samples)
            {
                // The echo never reaches a silo, so no provider is involved in it.
                run.Add(ResultRow.Of(name, name == "gateway-echo" ? "none" : provider.Name, streams, rounds));
            }
        }
    }

    private static Api.V1.StudentProfile Profile(int version) => new() { Name = $"Student v{version}", School = "Benchmark High", YearLevel = 10 };
}
