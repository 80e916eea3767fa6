using System.Net;
using System.Net.Sockets;
using Actors.Security.Development;
using Actors.Api.Client;
using Actors.Gateway.Hosting;
using Actors.Testing;
using Actors.Testing.Cluster;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace Actors.Gateway.Tests.Infrastructure;

/// <summary>
/// The real gateway (its own <c>AddActorsGateway</c>/<c>MapActorsGateway</c>) in this process on Kestrel loopback,
/// with its own Orleans client finding the test cluster's silos through the database.
/// </summary>
public sealed class GatewayHost : IAsyncDisposable
{
    /// <summary>
    /// The key pair tokens are signed with in tests; the gateway trusts its public half (<c>Jwt:PublicKeyPaths</c>), and
    /// so do the test silos (<see cref="Actors.Testing.Callers.TestCallerIdentity"/>), which verify the tokens the gateway forwards.
    /// </summary>
    public static readonly DevSigningKey SigningKey = Actors.Testing.Callers.TestCallerIdentity.UserKey;

    private static readonly (string PrivateKeyPath, string PublicKeyPath) KeyFiles = SigningKey.Write(Directory.CreateTempSubdirectory("actors-gateway-tests-").FullName);

    /// <summary>The private half of <see cref="SigningKey"/> as a PEM file (what the development sign-in signs with).</summary>
    public static string PrivateKeyPath => KeyFiles.PrivateKeyPath;

    private readonly WebApplication _app;

    private GatewayHost(WebApplication app, int grpcPort, int httpPort)
    {
        _app = app;
        GrpcAddress = new Uri($"http://127.0.0.1:{grpcPort}");
        HttpAddress = new Uri($"http://127.0.0.1:{httpPort}");
        Channel = GrpcChannel.ForAddress(GrpcAddress);
    }

    /// <summary>h2c gRPC.</summary>
    public Uri GrpcAddress { get; }

    /// <summary>HTTP/1.1: gRPC-Web, health, metrics.</summary>
    public Uri HttpAddress { get; }

    /// <summary>A channel to <see cref="GrpcAddress"/>; calls choose their user through <see cref="Actors.Api.Client.Bearer"/>.</summary>
    public GrpcChannel Channel { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>
    /// Starts a gateway for <paramref name="cluster"/>. Rate limits are high unless <paramref name="settings"/> says
    /// otherwise (tests make many calls as one user); Orleans answers within 5 s or the call counts as failed.
    /// <paramref name="configure"/> can add to the host (a logger provider, say) before the gateway is built.
    /// </summary>
    public static Task<GatewayHost> StartAsync(
        MembershipCluster cluster,
        IReadOnlyDictionary<string, string?>? settings = null,
        Action<WebApplicationBuilder>? configure = null,
        string environment = "Testing")
        => StartAsync(cluster.Db.ConnectionString, cluster.Cluster.Options.ClusterId, cluster.Cluster.Options.ServiceId, settings, configure, environment);

    /// <summary>Starts a gateway for the cluster <paramref name="clusterId"/> whose membership is in <paramref name="connectionString"/>'s database.</summary>
    public static async Task<GatewayHost> StartAsync(
        string connectionString,
        string clusterId,
        string serviceId,
        IReadOnlyDictionary<string, string?>? settings = null,
        Action<WebApplicationBuilder>? configure = null,
        string environment = "Testing")
    {
        var (grpcPort, httpPort) = (FreePort(), FreePort());
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        var configuration = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Actors"] = connectionString,
            ["Orleans:ClusterId"] = clusterId,
            ["Orleans:ServiceId"] = serviceId,
            ["Orleans:Messaging:ResponseTimeout"] = "00:00:05",
            ["Orleans:Gateway:GatewayListRefreshPeriod"] = "00:00:02",
            ["Gateway:GrpcPort"] = grpcPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Gateway:HttpPort"] = httpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Gateway:RateLimit:PermitsPerSecond"] = "100000",
            ["Gateway:RateLimit:Burst"] = "100000",
            ["Jwt:Issuer"] = DevSigningKey.DefaultIssuer,
            ["Jwt:Audience"] = DevSigningKey.DefaultAudience,
            ["Jwt:PublicKeyPaths:0"] = KeyFiles.PublicKeyPath,
            // The test cluster's silos speak plaintext; TLS has tests of its own (Actors.Silo.Tests, ClusterTlsTests).
            ["ClusterTls:Disabled"] = "true",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Orleans"] = "Error",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            // A null value removes the setting.
            if (value is null)
            {
                configuration.Remove(key);
            }
            else
            {
                configuration[key] = value;
            }
        }

        builder.Configuration.AddInMemoryCollection(configuration);
        builder.AddActorsGateway();
        configure?.Invoke(builder);
        var app = builder.Build();
        app.MapActorsGateway();
        await app.StartAsync();
        return new GatewayHost(app, grpcPort, httpPort);
    }

    /// <summary>A token for <paramref name="userId"/> of <paramref name="school"/> in <paramref name="role"/>, signed with <see cref="SigningKey"/>.</summary>
    public static string Token(string school, string userId, string role) => SigningKey.Mint(school, userId, role);

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    // Asks the OS for a free port; the gateway binds it moments later (Kestrel cannot report which of two
    // port-0 endpoints got which port, and the tests need to know which one speaks h2c).
    private static int FreePort() => FreePorts.Next();
}
