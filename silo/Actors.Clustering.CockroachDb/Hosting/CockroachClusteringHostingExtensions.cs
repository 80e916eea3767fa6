using Actors.Clustering.CockroachDb.Providers;
using Orleans.Hosting;

namespace Actors.Clustering.CockroachDb.Hosting;

/// <summary>
/// Orleans cluster membership in CockroachDB (or PostgreSQL) for silos and clients: the ADO.NET clustering provider
/// with this project's plain-SQL script. See <c>docs/clustering.md</c>.
/// </summary>
public static class CockroachClusteringHostingExtensions
{
    /// <summary>Keeps this silo's membership in CockroachDB.</summary>
    public static ISiloBuilder UseCockroachClustering(this ISiloBuilder builder, Action<CockroachClusteringOptions> configureOptions)
        => builder.ConfigureServices(services => services.AddCockroachClusteringMembership(configureOptions));

    /// <summary>Finds the cluster's gateways in CockroachDB.</summary>
    public static IClientBuilder UseCockroachClustering(this IClientBuilder builder, Action<CockroachClusteringOptions> configureOptions)
        => builder.ConfigureServices(services => services.AddCockroachClusteringGatewayList(configureOptions));
}
