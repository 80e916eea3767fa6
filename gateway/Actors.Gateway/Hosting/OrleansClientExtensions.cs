using Actors.Clustering.CockroachDb.Hosting;
using Actors.Gateway.Health;
using Actors.Security.Hosting;
using Orleans.Configuration;

namespace Actors.Gateway.Hosting;

/// <summary>The gateway's Orleans client: finds silos through the database membership, like the silos find each other.</summary>
internal static class OrleansClientExtensions
{
    /// <summary>
    /// Adds the client. Optional sections: <c>Orleans:Messaging</c> (<see cref="ClientMessagingOptions"/>, e.g. a shorter
    /// <c>ResponseTimeout</c>) and <c>Orleans:Gateway</c> (<see cref="GatewayOptions"/>, e.g. <c>GatewayListRefreshPeriod</c>).
    /// </summary>
    public static WebApplicationBuilder AddActorsOrleansClient(this WebApplicationBuilder builder, GatewaySettings settings)
    {
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton<ClusterConnection>();
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (settings.ClusterId, settings.ServiceId));
            client.UseCockroachClustering(o => o.ConnectionString = settings.ConnectionString);
            client.Configure<ClientMessagingOptions>(builder.Configuration.GetSection("Orleans:Messaging"));
            client.Configure<GatewayOptions>(builder.Configuration.GetSection("Orleans:Gateway"));
            client.Services.AddSingleton<IClusterConnectionStatusObserver>(static sp => sp.GetRequiredService<ClusterConnection>());
            client.UseConnectionRetryFilter<ClusterConnectRetry>();

            // Mutual TLS to the silos' gateway port (ClusterTls section); required outside Development.
            client.UseClusterTls();
        });
        return builder;
    }
}
