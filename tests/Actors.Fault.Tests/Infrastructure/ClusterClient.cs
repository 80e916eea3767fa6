using Actors.Clustering.CockroachDb.Hosting;
using Actors.Testing.Callers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace Actors.Fault.Tests.Infrastructure;

/// <summary>
/// An Orleans client of a <see cref="Actors.Testing.SiloCluster"/>, configured as the gateway would be: it finds the
/// silos' gateways in the membership table, gives up on a call after <c>ResponseTimeout</c>, and sends a token for the
/// caller of each call as the gateway forwards one (<see cref="CallerTokenMinter"/>).
/// </summary>
internal sealed class ClusterClient : IAsyncDisposable
{
    private readonly IHost _host;

    private ClusterClient(IHost host) => _host = host;

    public IClusterClient Client => _host.Services.GetRequiredService<IClusterClient>();

    public IGrainFactory Grains => Client;

    /// <summary>Connects to cluster <paramref name="clusterId"/> (service id <c>actors</c>, the silo's default).</summary>
    public static async Task<ClusterClient> ConnectAsync(string connectionString, string clusterId, TimeSpan responseTimeout)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleansClient(client => client
            .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (clusterId, "actors"))
            .UseCockroachClustering(o =>
            {
                o.ConnectionString = connectionString;
                o.CreateSchemaOnStartup = false;
            })
            .Configure<ClientMessagingOptions>(o => o.ResponseTimeout = responseTimeout)
            .Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(5))

            // The tests call grains with a Caller argument; the silos verify a token for it (TestCallerIdentity's keys).
            .AddTestCallerTokens());
        var host = builder.Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await host.StartAsync(timeout.Token);
        return new ClusterClient(host);
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _host.StopAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // A client whose gateways are all gone may not stop cleanly; it is disposed either way.
        }

        _host.Dispose();
    }
}
