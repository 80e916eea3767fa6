using Actors.Clustering.CockroachDb.Hosting;
using Actors.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;

namespace Actors.Testing.Callers;

/// <summary>
/// A bare Orleans client of a test cluster, as any pod inside the cluster could run one: it finds the silos through the
/// membership table and calls grains directly, with no gateway and no token of its own. What it puts in the request
/// context (<see cref="CallAsync{T}"/>) is all the silos get to judge it by.
/// </summary>
public sealed class RawClusterClient : IAsyncDisposable
{
    private readonly IHost _host;

    private RawClusterClient(IHost host) => _host = host;

    public IClusterClient Client => _host.Services.GetRequiredService<IClusterClient>();

    /// <summary>Connects to cluster <paramref name="clusterId"/> / <paramref name="serviceId"/> whose membership is in <paramref name="connectionString"/>.</summary>
    public static async Task<RawClusterClient> ConnectAsync(string connectionString, string clusterId, string serviceId)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (clusterId, serviceId));
            client.UseCockroachClustering(o => o.ConnectionString = connectionString);
        });
        var host = builder.Build();
        await host.StartAsync();
        return new RawClusterClient(host);
    }

    /// <summary>Runs <paramref name="call"/> with <paramref name="token"/> (or none) in the request context, as the token of its grain calls.</summary>
    public static async Task<T> CallAsync<T>(string? token, Func<Task<T>> call)
    {
        // Inside this async method: the request context is this call's alone.
        if (token is null)
        {
            RequestContext.Remove(CallerToken.RequestContextKey);
        }
        else
        {
            RequestContext.Set(CallerToken.RequestContextKey, token);
        }

        return await call();
    }

    /// <inheritdoc cref="CallAsync{T}(string?, Func{Task{T}})"/>
    public static Task CallAsync(string? token, Func<Task> call) => CallAsync(token, async () =>
    {
        await call();
        return true;
    });

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
