using System.Diagnostics;
using System.Globalization;
using Actors.Security.Development;

namespace Actors.Testing;

/// <summary>
/// The gRPC gateway (<c>Actors.Gateway.dll</c>) as a process of its own, with the settings of its own appsettings.json
/// (its Orleans client's timeouts and gateway-list refresh among them) and the environment a deployment gives it:
/// what a browser or app reaches when a silo dies behind it.
/// </summary>
public sealed class GatewayProcess : IAsyncDisposable
{
    private readonly HostProcess _process;

    private GatewayProcess(HostProcess process, int grpcPort, int httpPort, DevSigningKey signingKey)
    {
        _process = process;
        GrpcAddress = new Uri($"http://127.0.0.1:{grpcPort}");
        HttpAddress = new Uri($"http://127.0.0.1:{httpPort}");
        SigningKey = signingKey;
    }

    /// <summary>h2c gRPC.</summary>
    public Uri GrpcAddress { get; }

    /// <summary>HTTP/1.1: gRPC-Web, health, metrics.</summary>
    public Uri HttpAddress { get; }

    /// <summary>The development key pair tokens are signed with; the gateway trusts its public half (<c>Jwt:PublicKeyPaths</c>).</summary>
    public DevSigningKey SigningKey { get; }

    /// <summary>Everything the process wrote so far.</summary>
    public string Output => _process.Output;

    /// <summary>
    /// Starts a gateway for cluster <paramref name="clusterId"/> whose membership is in <paramref name="connectionString"/>
    /// on free loopback ports, with rate limits out of the way of a load test, and waits until it is ready (it has reached
    /// a silo). <paramref name="environment"/> adds or overrides variables.
    /// </summary>
    public static async Task<GatewayProcess> StartAsync(
        string connectionString, string clusterId, IReadOnlyDictionary<string, string?>? environment = null, TimeSpan? timeout = null)
    {
        var (grpcPort, httpPort) = (SiloProcess.FreePort(), SiloProcess.FreePort());
        // The key the test silos trust too: they verify the tokens the gateway forwards.
        var signingKey = Callers.TestCallerIdentity.UserKey;
        var all = new Dictionary<string, string?>
        {
            ["ConnectionStrings__Actors"] = connectionString,
            ["Orleans__ClusterId"] = clusterId,
            ["Gateway__GrpcPort"] = grpcPort.ToString(CultureInfo.InvariantCulture),
            ["Gateway__HttpPort"] = httpPort.ToString(CultureInfo.InvariantCulture),
            ["Gateway__RateLimit__PermitsPerSecond"] = "100000",
            ["Gateway__RateLimit__Burst"] = "100000",
            ["Jwt__PublicKeyPaths__0"] = Callers.TestCallerIdentity.PublicKeyPath,
            ["DOTNET_ENVIRONMENT"] = "Development",
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var start = new ProcessStartInfo("dotnet", [SiloProcess.BuiltAssembly("gateway", "Actors.Gateway")]) { WorkingDirectory = Repository.Root };
        var gateway = new GatewayProcess(HostProcess.Start(start, all), grpcPort, httpPort, signingKey);
        try
        {
            await Poll.UntilAsync(
                async () => gateway._process.HasExited ? throw new InvalidOperationException($"the gateway exited: {gateway._process.Tail(40)}") : await HostProcess.GetAsync(new Uri(gateway.HttpAddress, "/health/ready")),
                r => r.Status == 200,
                timeout ?? TimeSpan.FromSeconds(60),
                "the gateway ready");
            return gateway;
        }
        catch
        {
            await gateway.DisposeAsync();
            throw;
        }
    }

    /// <summary>The last <paramref name="lines"/> lines of the output.</summary>
    public string Tail(int lines) => _process.Tail(lines);

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
