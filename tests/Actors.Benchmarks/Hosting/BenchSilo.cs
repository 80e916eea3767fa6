using Actors.Persistence.CockroachDb.Hosting;
using System.Net;
using Actors.Clustering.CockroachDb.Hosting;
using Actors.Grains.Hosting;
using Actors.Testing;
using Actors.Testing.Callers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Storage;

namespace Actors.Benchmarks.Hosting;

/// <summary>
/// One silo on loopback, in this process, with the application's grains and one storage provider registered under
/// the name the grains use (<see cref="StorageName"/>), on a database of its own. Membership is in the same
/// database (our clustering), so a gateway can find the silo as it finds a deployment's.
/// </summary>
internal sealed class BenchSilo : IAsyncDisposable
{
    /// <summary>The storage name in the grains' <c>[PersistentState]</c>.</summary>
    public const string StorageName = "actors";

    /// <summary>
    /// Connections per provider: equal for every provider so none is favoured by a larger pool, and sized for the
    /// database, not for the callers: 8 per core of this 2-core machine. With 64 (one per caller) PostgreSQL ran up to
    /// 64 backends on 2 cores and the operating system's scheduling made the tail: `cold-read` p99 14–19 ms for ours
    /// and 12–20 ms for stock at a median of 0.4 ms and 4 ms; with 16, 4.9–5.3 ms against 7.5–7.8 ms, at higher
    /// throughput for both (two runs each, 2026-11-26 15:30 UTC; docs/storage.md, "Pool size").
    /// </summary>
    public const int MaxPoolSize = 16;

    private readonly IHost _host;

    private BenchSilo(IHost host, StorageProvider provider, string clusterId, string connectionString)
    {
        _host = host;
        Provider = provider;
        ClusterId = clusterId;
        ConnectionString = connectionString;
    }

    public StorageProvider Provider { get; }

    /// <summary>The cluster's id (the service id is the same).</summary>
    public string ClusterId { get; }

    /// <summary>The silo's database: storage and membership.</summary>
    public string ConnectionString { get; }

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    /// <summary>The provider itself, for scenarios that measure storage without grains.</summary>
    public IGrainStorage Storage => _host.Services.GetRequiredKeyedService<IGrainStorage>(StorageName);

    public IManagementGrain Management => Grains.GetGrain<IManagementGrain>(0);

    /// <summary>Creates a database on <paramref name="server"/>, prepares it for <paramref name="provider"/> and starts the silo.</summary>
    public static async Task<BenchSilo> StartAsync(BenchDatabaseServer server, StorageProvider provider, string purpose)
    {
        var clusterId = $"bench-{provider.Name}-{purpose}";
        var database = await server.CreateDatabaseAsync($"bench_{provider.Name.Replace('-', '_')}");
        var connectionString = database.With(b => b.MaxPoolSize = MaxPoolSize);
        await provider.PrepareDatabaseAsync(connectionString);

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Production", DisableDefaults = true });
        // Warnings and errors to stderr: stdout carries the table.
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning);

        // The stock provider logs every failed write with its stack; the rows count them (and keep the first error).
        builder.Logging.AddFilter("Orleans.Storage.AdoNetGrainStorage", LogLevel.None);

        // At start-up the watchdog measures its first interval from the process's start and warns of a stall that was not one.
        builder.Logging.AddFilter("Orleans.Runtime.Watchdog", LogLevel.Error);
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (clusterId, clusterId));
            silo.ConfigureEndpoints(IPAddress.Loopback, SiloProcess.FreePort(), SiloProcess.FreePort());
            silo.UseCockroachClustering(o => o.ConnectionString = connectionString);
            provider.Register(silo, StorageName, connectionString);
            silo.AddActorsGrains(); // as a silo hosts the grains (documents end their watches when deactivation begins)

            // Callers verified from their tokens as in production; the scenarios' direct calls are this silo's own, signed by it.
            silo.AddTestCallerVerification();

            // Student and school grains record reads by others in the audit trail, whichever storage is measured.
            silo.AddCockroachAuditTrail(o => o.ConnectionString = connectionString);
        });
        var host = builder.Build();
        await host.StartAsync();
        return new BenchSilo(host, provider, clusterId, connectionString);
    }

    /// <summary>Deactivates every idle activation and waits until <paramref name="grain"/> has none.</summary>
    public async Task DeactivateAsync(IAddressable grain)
    {
        await Management.ForceActivationCollection(TimeSpan.Zero);
        await Poll.UntilAsync(
            () => Management.GetGrainActivationCount((GrainReference)grain),
            count => count == 0,
            TimeSpan.FromSeconds(60),
            $"the deactivation of {grain}");
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
