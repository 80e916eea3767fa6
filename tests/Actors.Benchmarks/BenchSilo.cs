using System.Net;
using System.Net.Sockets;
using Actors.Grains.Hosting;
using Actors.Persistence.CockroachDb.Hosting;
using Actors.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace Actors.Benchmarks;

/// <summary>One silo on loopback whose "actors" storage is the CockroachDB provider on a fresh database.</summary>
internal sealed class BenchSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private BenchSilo(IHost host, PostgresDatabase database)
    {
        _host = host;
        Database = database;
    }

    public PostgresDatabase Database { get; }

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public IGrainStorage Storage => _host.Services.GetRequiredKeyedService<IGrainStorage>("actors");

    public static async Task<BenchSilo> StartAsync()
    {
        var database = await PostgresServer.CreateDatabaseAsync("bench");
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(FreePort(), FreePort(), serviceId: "bench", clusterId: "bench")
            .AddCockroachGrainStorage("actors", o => o.ConnectionString = database.With(b => b.MaxPoolSize = 64))
            .AddActorsGrains());
        var host = builder.Build();
        await host.StartAsync();
        return new BenchSilo(host, database);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        await Database.DisposeAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
