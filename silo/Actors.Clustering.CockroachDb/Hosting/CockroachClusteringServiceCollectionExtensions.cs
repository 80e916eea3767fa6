using Actors.Clustering.CockroachDb.Membership;
using Actors.Clustering.CockroachDb.Providers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Messaging;

namespace Actors.Clustering.CockroachDb.Hosting;

/// <summary><see cref="IServiceCollection"/> registration of CockroachDB cluster membership.</summary>
public static class CockroachClusteringServiceCollectionExtensions
{
    /// <summary>The ADO.NET invariant name of Npgsql, which speaks to both CockroachDB and PostgreSQL.</summary>
    public const string AdoNetInvariant = "Npgsql";

    /// <summary>Adds the silo's membership table.</summary>
    public static IServiceCollection AddCockroachClusteringMembership(this IServiceCollection services, Action<CockroachClusteringOptions> configureOptions)
    {
        AddOptions(services, configureOptions);
        services.AddOptions<AdoNetClusteringSiloOptions>().Configure<IOptions<CockroachClusteringOptions>>(
            static (ado, ours) => (ado.Invariant, ado.ConnectionString) = (AdoNetInvariant, ours.Value.ConnectionString));
        return services.AddSingleton<IMembershipTable, CockroachMembershipTable>();
    }

    /// <summary>Adds the client's gateway list provider.</summary>
    public static IServiceCollection AddCockroachClusteringGatewayList(this IServiceCollection services, Action<CockroachClusteringOptions> configureOptions)
    {
        AddOptions(services, configureOptions);
        services.AddOptions<AdoNetClusteringClientOptions>().Configure<IOptions<CockroachClusteringOptions>>(
            static (ado, ours) => (ado.Invariant, ado.ConnectionString) = (AdoNetInvariant, ours.Value.ConnectionString));
        return services.AddSingleton<IGatewayListProvider, CockroachGatewayListProvider>();
    }

    private static void AddOptions(IServiceCollection services, Action<CockroachClusteringOptions> configureOptions)
    {
        ArgumentNullException.ThrowIfNull(configureOptions);
        services.Configure(configureOptions);
        services.AddSingleton<IConfigurationValidator, CockroachClusteringOptionsValidator>();
        services.ConfigureFormatter<CockroachClusteringOptions>();
    }
}
