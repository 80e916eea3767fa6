using System.Net;
using Actors.Clustering.CockroachDb.Hosting;
using Actors.Persistence.CockroachDb.Hosting;
using Orleans.Configuration;

namespace Actors.Silo.Hosting;

/// <summary>The silo's wiring, shared by <c>Program.cs</c> and the tests.</summary>
public static class ActorsSiloHostingExtensions
{
    /// <summary>
    /// Name of the grain storage grains use: <c>[PersistentState("state", ActorsSiloHostingExtensions.StorageName)]</c>.
    /// It and the default storage are the same database table.
    /// </summary>
    public const string StorageName = "actors";

    /// <summary>
    /// Runs an Orleans silo in this host, configured from <see cref="ActorsSiloSettings.FromConfiguration"/> plus the
    /// optional <c>Orleans:Membership</c> section (<see cref="ClusterMembershipOptions"/>, see docs/clustering.md).
    /// </summary>
    /// <exception cref="InvalidOperationException">The configuration lacks the connection string or has a malformed value.</exception>
    public static WebApplicationBuilder AddActorsSilo(this WebApplicationBuilder builder)
    {
        var settings = ActorsSiloSettings.FromConfiguration(builder.Configuration);
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = settings.ClusterId;
                o.ServiceId = settings.ServiceId;
            });

            // Behind a non-loopback advertised address (a pod or VM IP) listen on every interface; locally, loopback only.
            silo.ConfigureEndpoints(
                settings.AdvertisedIPAddress,
                settings.SiloPort,
                settings.GatewayPort,
                listenOnAnyHostAddress: !IPAddress.IsLoopback(settings.AdvertisedIPAddress));
            silo.Configure<ClusterMembershipOptions>(builder.Configuration.GetSection("Orleans:Membership"));
            silo.UseActorsDatabase(settings.ConnectionString);
        });
        return builder;
    }

    /// <summary>
    /// Keeps membership and grain state in the CockroachDB (or PostgreSQL) database at <paramref name="connectionString"/>:
    /// cluster membership, the default grain storage, and the <see cref="StorageName"/> storage.
    /// </summary>
    public static ISiloBuilder UseActorsDatabase(this ISiloBuilder silo, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return silo
            .UseCockroachClustering(o => o.ConnectionString = connectionString)
            .AddCockroachGrainStorageAsDefault(o => o.ConnectionString = connectionString)
            .AddCockroachGrainStorage(StorageName, o => o.ConnectionString = connectionString);
    }
}
