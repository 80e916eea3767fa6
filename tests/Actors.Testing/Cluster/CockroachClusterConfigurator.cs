using Actors.Clustering.CockroachDb.Hosting;
using Actors.Persistence.CockroachDb.Hosting;
using Actors.Testing.Callers;
using Microsoft.Extensions.Configuration;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace Actors.Testing.Cluster;

/// <summary>
/// Puts the test cluster's silos and client on CockroachDB clustering (and the silos' grain state in the same
/// database, as storage <see cref="StorageName"/>). The connection string comes through the cluster's configuration
/// (<see cref="TestClusterBuilder.Properties"/>), since TestCluster creates configurators itself and each test has a
/// database of its own.
/// </summary>
public sealed class CockroachClusterConfigurator : ISiloConfigurator, IClientBuilderConfigurator
{
    /// <summary>Configuration key of the database connection string.</summary>
    public const string ConnectionStringKey = "Actors:Clustering:ConnectionString";

    /// <summary>Name of the grain storage the silos register: the name the application's grains use.</summary>
    public const string StorageName = "actors";

    /// <inheritdoc />
    public void Configure(ISiloBuilder siloBuilder)
    {
        var connectionString = siloBuilder.Configuration[ConnectionStringKey];
        siloBuilder.UseCockroachClustering(o => o.ConnectionString = connectionString);
        siloBuilder.AddCockroachGrainStorage(StorageName, o => o.ConnectionString = connectionString);
        siloBuilder.AddCockroachAuditTrail(o => o.ConnectionString = connectionString);

        // Every grain call's caller is verified from its token, as in production (test keys: TestCallerIdentity).
        siloBuilder.AddTestCallerVerification();

        // Faster failure detection than production's defaults (see docs/clustering.md), so a test sees it in seconds.
        siloBuilder.Configure<ClusterMembershipOptions>(o =>
        {
            o.ProbeTimeout = TimeSpan.FromSeconds(2);
            o.MinProbeTimeout = TimeSpan.FromSeconds(1);
            o.MaxProbeTimeout = TimeSpan.FromSeconds(4);
            o.NumMissedProbesLimit = 2;
            o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(5);
            o.TableRefreshTimeout = TimeSpan.FromSeconds(5);
        });
    }

    /// <inheritdoc />
    public void Configure(IConfiguration configuration, IClientBuilder clientBuilder)
    {
        var connectionString = configuration[ConnectionStringKey];
        clientBuilder.UseCockroachClustering(o => o.ConnectionString = connectionString);
        clientBuilder.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(2));

        // Tests call grains directly with a Caller argument: the client signs a token for it, as the gateway forwards one.
        clientBuilder.AddTestCallerTokens();

        // A call in flight to a gateway that crashes is only given up after the response timeout (30 s by default);
        // a short one lets a test's polling retry within its deadline.
        clientBuilder.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(5));
    }
}
