using System.Globalization;
using Actors.Security.Development;
using Actors.Gateway.Hosting;
using Actors.Testing;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Actors.Benchmarks.Hosting;

/// <summary>
/// The gateway as shipped (<c>AddActorsGateway</c>/<c>MapActorsGateway</c>: h2c, JWT, authorization, rate limiting,
/// error mapping, its Orleans client) in this process, connected to a <see cref="BenchSilo"/>, plus the benchmark's
/// <see cref="EchoApi"/>. One HTTP/2 connection carries every stream of a round.
/// </summary>
internal sealed class BenchGateway : IAsyncDisposable
{
    /// <summary>The development key pair the benchmark's tokens are minted with; the gateway trusts its public half.</summary>
    public static readonly DevSigningKey SigningKey = Actors.Testing.Callers.TestCallerIdentity.UserKey;

    // RateLimitingExtensions.PerUserPolicy (internal to the gateway): the echo is limited like the API services.
    private const string PerUserRateLimitPolicy = "per-user";

    private readonly WebApplication _app;

    private BenchGateway(WebApplication app, GrpcChannel channel)
    {
        _app = app;
        Channel = channel;
    }

    public GrpcChannel Channel { get; }

    public static async Task<BenchGateway> StartAsync(BenchSilo silo)
    {
        var (grpcPort, httpPort) = (SiloProcess.FreePort(), SiloProcess.FreePort());
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Actors"] = silo.ConnectionString,
            ["Orleans:ClusterId"] = silo.ClusterId,
            ["Orleans:ServiceId"] = silo.ClusterId,
            ["Gateway:GrpcPort"] = grpcPort.ToString(CultureInfo.InvariantCulture),
            ["Gateway:HttpPort"] = httpPort.ToString(CultureInfo.InvariantCulture),
            // The limiter still runs on every call (its cost is measured); it just never refuses one.
            ["Gateway:RateLimit:PermitsPerSecond"] = "1000000",
            ["Gateway:RateLimit:Burst"] = "1000000",
            ["Jwt:Issuer"] = DevSigningKey.DefaultIssuer,
            ["Jwt:Audience"] = DevSigningKey.DefaultAudience,
            ["Jwt:PublicKeyPaths:0"] = Actors.Testing.Callers.TestCallerIdentity.PublicKeyPath,
            ["ClusterTls:Disabled"] = "true", // the bench silo speaks plaintext

            // Nothing per request, as shipped; and no start-up lines on stdout, which carries the table.
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning);
        builder.AddActorsGateway();
        var app = builder.Build();
        app.MapActorsGateway();
        app.MapGrpcService<EchoApi>().RequireAuthorization().RequireRateLimiting(PerUserRateLimitPolicy);
        await app.StartAsync();
        return new BenchGateway(app, GrpcChannel.ForAddress($"http://127.0.0.1:{grpcPort}"));
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
