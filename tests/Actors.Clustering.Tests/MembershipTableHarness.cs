using System.Net;
using Actors.Clustering.CockroachDb.Hosting;
using Actors.Testing;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Configuration;
using Orleans.Messaging;
using Orleans.Runtime;

namespace Actors.Clustering.Tests;

/// <summary>
/// The membership table and gateway list of one cluster, resolved the way a silo and a client resolve them (through
/// <see cref="CockroachClusteringServiceCollectionExtensions"/>), on a real database.
/// </summary>
internal sealed class MembershipTableHarness : IAsyncDisposable
{
    private static int s_nextPort = 20_000;
    private readonly ServiceProvider _services;

    private MembershipTableHarness(ServiceProvider services, string clusterId)
    {
        _services = services;
        ClusterId = clusterId;
        Table = services.GetRequiredService<IMembershipTable>();
        Gateways = services.GetRequiredService<IGatewayListProvider>();
    }

    public string ClusterId { get; }

    public IMembershipTable Table { get; }

    public IGatewayListProvider Gateways { get; }

    /// <summary>A harness for a fresh cluster id, with the table initialized (schema plus version row).</summary>
    public static async Task<MembershipTableHarness> StartAsync(PostgresDatabase db)
    {
        var clusterId = $"cluster-{Guid.NewGuid():N}";
        var services = new ServiceCollection()
            .AddLogging()
            .Configure<ClusterOptions>(o =>
            {
                o.ClusterId = clusterId;
                o.ServiceId = "membership-tests";
            })
            .AddCockroachClusteringMembership(o => o.ConnectionString = db.ConnectionString)
            .AddCockroachClusteringGatewayList(o => o.ConnectionString = db.ConnectionString)
            .BuildServiceProvider();
        var harness = new MembershipTableHarness(services, clusterId);
        await harness.Table.InitializeMembershipTableAsync(true, CancellationToken.None);
        await harness.Gateways.InitializeGatewayListProviderAsync(CancellationToken.None);
        return harness;
    }

    /// <summary>A new silo incarnation on its own port.</summary>
    public static MembershipEntry NewEntry(SiloStatus status = SiloStatus.Joining, int proxyPort = 0)
    {
        var port = Interlocked.Increment(ref s_nextPort);
        var now = DateTime.UtcNow;
        return new MembershipEntry
        {
            SiloAddress = SiloAddress.New(IPAddress.Loopback, port, 1_000 + port),
            SiloName = $"silo-{port}",
            HostName = "test-host",
            Status = status,
            ProxyPort = proxyPort,
            StartTime = now,
            IAmAliveTime = now,
        };
    }

    public Task<MembershipTableData> ReadAllAsync() => Table.ReadAllAsync(CancellationToken.None);

    public async Task<bool> InsertAsync(MembershipEntry entry)
    {
        var table = await ReadAllAsync();
        return await Table.InsertRowAsync(entry, table.Version.Next(), CancellationToken.None);
    }

    /// <summary>
    /// Updates a row the way Orleans 10.4 does: the row's ETag is the table version it was read with (the provider
    /// answers false without asking the database when they differ).
    /// </summary>
    public Task<bool> UpdateAsync(MembershipEntry entry, TableVersion readVersion)
        => Table.UpdateRowAsync(entry, readVersion.VersionEtag, readVersion.Next(), CancellationToken.None);

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
