using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Actors.Api.Client;
using Actors.Api.V1;
using Actors.Contracts.Students;
using Actors.Gateway.Hosting;
using Actors.Security.Development;
using Actors.Testing.Cluster;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Caller = Actors.Contracts.Caller;

namespace Actors.Benchmarks;

/// <summary>
/// A read (GetProfile) through the whole gateway path — h2c, JWT, authorization, error mapping, Orleans client —
/// against the same grain call made straight from an Orleans client, and the gateway again with every request
/// logged at Information (ASP.NET Core's request start/finish lines): what per-request logging costs.
/// </summary>
internal static class GatewayBenchmark
{
    /// <summary>The development key pair the benchmark's tokens are signed with; the gateway trusts its public half.</summary>
    private static readonly DevSigningKey SigningKey = DevSigningKey.Create();

    public static async Task RunAsync(TimeSpan duration, TextWriter output)
    {
        await using var cluster = await MembershipCluster.StartAsync(silos: 1, databasePrefix: "bench_gateway");
        var studentId = "bench-student";
        var token = SigningKey.Mint(studentId, "student");
        var options = Bearer.Options(token);

        output.WriteLine($"## Gateway: GetProfile of one student, {duration.TotalSeconds:0} s per row");
        output.WriteLine("| path | callers | calls/s | p50 ms | p99 ms |");
        output.WriteLine("|---|---:|---:|---:|---:|");
        var grain = cluster.Cluster.Client.GetGrain<IStudentGrain>(studentId);
        await grain.UpdateProfile(Caller.Student(studentId), new Contracts.Students.StudentProfile { Name = "Bench", School = "Kura", YearLevel = 10 });
        foreach (var callers in new[] { 1, 32 })
        {
            await RowAsync(output, "Orleans client, no gateway", callers, duration, () => grain.GetProfile(Caller.Student(studentId)));
        }

        // Both gateways run side by side and rows alternate, so JIT tiering and a noisy machine weigh on both alike.
        // The logged one writes ASP.NET Core's request lines through the console logger, to stderr (run with 2>/dev/null).
        await using var quiet = await StartGatewayAsync(cluster, logEveryRequest: false);
        await using var logged = await StartGatewayAsync(cluster, logEveryRequest: true);
        var paths = new (string Name, StudentService.StudentServiceClient Client)[]
        {
            ("gateway (as shipped: nothing per request)", new(quiet.Channel)),
            ("gateway, each request logged at Information", new(logged.Channel)),
        };
        foreach (var callers in new[] { 1, 32, 1, 32 })
        {
            foreach (var (name, client) in paths)
            {
                await RowAsync(output, name, callers, duration, () => client.GetProfileAsync(new GetProfileRequest { StudentId = studentId }, options).ResponseAsync);
            }
        }

        output.WriteLine();
    }

    private static async Task RowAsync<T>(TextWriter output, string path, int callers, TimeSpan duration, Func<Task<T>> call)
    {
        for (var i = 0; i < 200; i++)
        {
            await call(); // warm-up: JIT, connections, activation
        }

        var latencies = new Latencies();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
        {
            while (clock.Elapsed < duration)
            {
                await latencies.Time(call);
            }
        })));
        output.WriteLine($"| {path} | {callers} | {latencies.Count / clock.Elapsed.TotalSeconds:0} | {latencies.Percentile(50):0.00} | {latencies.Percentile(99):0.00} |");
    }

    private static async Task<BenchGateway> StartGatewayAsync(MembershipCluster cluster, bool logEveryRequest)
    {
        var (grpcPort, httpPort) = (FreePort(), FreePort());
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Actors"] = cluster.Db.ConnectionString,
            ["Orleans:ClusterId"] = cluster.Cluster.Options.ClusterId,
            ["Orleans:ServiceId"] = cluster.Cluster.Options.ServiceId,
            ["Gateway:GrpcPort"] = grpcPort.ToString(CultureInfo.InvariantCulture),
            ["Gateway:HttpPort"] = httpPort.ToString(CultureInfo.InvariantCulture),
            ["Gateway:RateLimit:PermitsPerSecond"] = "1000000",
            ["Gateway:RateLimit:Burst"] = "1000000",
            ["Jwt:Issuer"] = DevSigningKey.DefaultIssuer,
            ["Jwt:Audience"] = DevSigningKey.DefaultAudience,
            ["Jwt:PublicKeyPaths:0"] = SigningKey.Write(Directory.CreateTempSubdirectory("actors-bench-").FullName).PublicKeyPath,
            ["ClusterTls:Disabled"] = "true", // the bench cluster's silos speak plaintext
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = logEveryRequest ? "Information" : "Warning",
            ["Logging:Console:LogToStandardErrorThreshold"] = "Trace", // log lines to stderr, tables to stdout
        };
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddActorsGateway();
        var app = builder.Build();
        app.MapActorsGateway();
        await app.StartAsync();
        return new BenchGateway(app, GrpcChannel.ForAddress($"http://127.0.0.1:{grpcPort}"));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class BenchGateway(WebApplication app, GrpcChannel channel) : IAsyncDisposable
    {
        public GrpcChannel Channel { get; } = channel;

        public async ValueTask DisposeAsync()
        {
            Channel.Dispose();
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
