using System.Net;
using Npgsql;
using static Actors.Clustering.CockroachDb.Hosting.SettingValues;

namespace Actors.Silo.Hosting;

/// <summary>
/// What a silo process needs to know, read from configuration (appsettings.json, then environment variables, where
/// <c>__</c> stands for <c>:</c>). Keys follow Orleans' own configuration layout.
/// </summary>
public sealed record ActorsSiloSettings
{
    /// <summary>Configuration key of the database connection string (environment: <c>ConnectionStrings__Actors</c>).</summary>
    public const string ConnectionStringKey = "ConnectionStrings:Actors";

    /// <summary>Configuration key of <see cref="HttpPort"/>.</summary>
    public const string HttpPortKey = "Orleans:Endpoints:HttpPort";

    /// <summary>Npgsql connection string of the database that holds membership and grain state.</summary>
    public required string ConnectionString { get; init; }

    /// <summary>The cluster's id (<c>Orleans:ClusterId</c>): silos with the same id form one cluster. Default <c>actors-local</c>.</summary>
    public string ClusterId { get; init; } = "actors-local";

    /// <summary>The service id (<c>Orleans:ServiceId</c>): part of every grain state key, stable across deployments. Default <c>actors</c>.</summary>
    public string ServiceId { get; init; } = "actors";

    /// <summary>Silo-to-silo port (<c>Orleans:Endpoints:SiloPort</c>). Default 11111.</summary>
    public int SiloPort { get; init; } = 11111;

    /// <summary>Port clients connect to (<c>Orleans:Endpoints:GatewayPort</c>). Default 30000.</summary>
    public int GatewayPort { get; init; } = 30000;

    /// <summary>
    /// Port of the silo's HTTP endpoints (<c>Orleans:Endpoints:HttpPort</c>): <c>/health/live</c>, <c>/health/ready</c>,
    /// <c>/metrics</c>, and the dashboard when operator credentials are configured. It listens on the same interfaces as
    /// the silo port (loopback only for a loopback <see cref="AdvertisedIPAddress"/>). Default 8080.
    /// </summary>
    public int HttpPort { get; init; } = 8080;

    /// <summary>
    /// The address other silos and clients reach this silo at (<c>Orleans:Endpoints:AdvertisedIPAddress</c>); it is
    /// what the membership table records. Default loopback, for local runs; in a cluster set the host's or pod's IP.
    /// </summary>
    public IPAddress AdvertisedIPAddress { get; init; } = IPAddress.Loopback;

    /// <summary>Reads and checks the settings; a missing or malformed value fails with a message naming its key.</summary>
    /// <exception cref="InvalidOperationException">A required value is missing or malformed.</exception>
    public static ActorsSiloSettings FromConfiguration(IConfiguration configuration)
    {
        var connectionString = configuration[ConnectionStringKey];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"The silo needs a database: set {ConnectionStringKey} (environment variable ConnectionStrings__Actors) to an Npgsql connection string, "
                + "e.g. Host=db1,db2,db3;Port=26257;Username=actors;Database=actors (for local runs, scripts/pg.sh url prints one).");
        }

        try
        {
            _ = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException($"{ConnectionStringKey} is not a valid Npgsql connection string: {e.Message}", e);
        }

        var defaults = new ActorsSiloSettings { ConnectionString = connectionString };
        return defaults with
        {
            ClusterId = configuration["Orleans:ClusterId"] is { Length: > 0 } clusterId ? clusterId : defaults.ClusterId,
            ServiceId = configuration["Orleans:ServiceId"] is { Length: > 0 } serviceId ? serviceId : defaults.ServiceId,
            SiloPort = Port(configuration, "Orleans:Endpoints:SiloPort", defaults.SiloPort),
            GatewayPort = Port(configuration, "Orleans:Endpoints:GatewayPort", defaults.GatewayPort),
            HttpPort = Port(configuration, HttpPortKey, defaults.HttpPort),
            AdvertisedIPAddress = Address(configuration, "Orleans:Endpoints:AdvertisedIPAddress", defaults.AdvertisedIPAddress),
        };
    }
}
