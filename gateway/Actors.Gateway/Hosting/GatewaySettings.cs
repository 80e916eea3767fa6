using System.Net;
using Npgsql;
using static Actors.Clustering.CockroachDb.Hosting.SettingValues;

namespace Actors.Gateway.Hosting;

/// <summary>
/// What the gateway process needs to know, read from configuration (appsettings.json, then environment variables,
/// where <c>__</c> stands for <c>:</c>). The database and cluster keys are the silo's own, so one environment serves both.
/// </summary>
public sealed record GatewaySettings
{
    /// <summary>Configuration key of the database connection string (environment: <c>ConnectionStrings__Actors</c>).</summary>
    public const string ConnectionStringKey = "ConnectionStrings:Actors";

    /// <summary>Largest gRPC message accepted or sent, in bytes (1 MB). Lists are paged to stay below it.</summary>
    public const int MaxMessageBytes = 1024 * 1024;

    /// <summary>Npgsql connection string of the database holding the cluster's membership: how the gateway finds silos.</summary>
    public required string ConnectionString { get; init; }

    /// <summary>The cluster's id (<c>Orleans:ClusterId</c>), as the silos have it. Default <c>actors-local</c>.</summary>
    public string ClusterId { get; init; } = "actors-local";

    /// <summary>The service id (<c>Orleans:ServiceId</c>), as the silos have it. Default <c>actors</c>.</summary>
    public string ServiceId { get; init; } = "actors";

    /// <summary>Port of plaintext HTTP/2 (h2c) gRPC (<c>Gateway:GrpcPort</c>). Default 5080.</summary>
    public int GrpcPort { get; init; } = 5080;

    /// <summary>
    /// Port of HTTP/1.1 (<c>Gateway:HttpPort</c>): gRPC-Web for browsers, health and metrics. Default 5081. A separate
    /// port because Kestrel cannot offer h2c and HTTP/1.1 on one plaintext port.
    /// </summary>
    public int HttpPort { get; init; } = 5081;

    /// <summary>Address both ports listen on (<c>Gateway:ListenAddress</c>). Default loopback; <c>0.0.0.0</c> in a container.</summary>
    public IPAddress ListenAddress { get; init; } = IPAddress.Loopback;

    /// <summary>How long start-up keeps trying to reach a silo before failing (<c>Gateway:ClusterConnectTimeout</c>). Default 60 s.</summary>
    public TimeSpan ClusterConnectTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Browser origins allowed to call gRPC-Web across origins (<c>Gateway:Cors:AllowedOrigins</c>). Default none.</summary>
    public IReadOnlyList<string> CorsOrigins { get; init; } = [];

    /// <summary>Reads and checks the settings; a missing or malformed value fails with a message naming its key.</summary>
    /// <exception cref="InvalidOperationException">A required value is missing or malformed.</exception>
    public static GatewaySettings FromConfiguration(IConfiguration configuration)
    {
        var connectionString = configuration[ConnectionStringKey];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"The gateway finds silos through the database: set {ConnectionStringKey} (environment variable ConnectionStrings__Actors) "
                + "to the Npgsql connection string the silos use (for local runs, scripts/pg.sh url prints one).");
        }

        try
        {
            _ = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException($"{ConnectionStringKey} is not a valid Npgsql connection string: {e.Message}", e);
        }

        var defaults = new GatewaySettings { ConnectionString = connectionString };
        var settings = defaults with
        {
            ClusterId = configuration["Orleans:ClusterId"] is { Length: > 0 } clusterId ? clusterId : defaults.ClusterId,
            ServiceId = configuration["Orleans:ServiceId"] is { Length: > 0 } serviceId ? serviceId : defaults.ServiceId,
            GrpcPort = Port(configuration, "Gateway:GrpcPort", defaults.GrpcPort),
            HttpPort = Port(configuration, "Gateway:HttpPort", defaults.HttpPort),
            ListenAddress = Address(configuration, "Gateway:ListenAddress", defaults.ListenAddress),
            ClusterConnectTimeout = configuration.GetValue("Gateway:ClusterConnectTimeout", defaults.ClusterConnectTimeout),
            CorsOrigins = configuration.GetSection("Gateway:Cors:AllowedOrigins").Get<string[]>() ?? [],
        };
        return settings.GrpcPort == settings.HttpPort
            ? throw new InvalidOperationException($"Gateway:GrpcPort and Gateway:HttpPort must differ (both are {settings.GrpcPort}): h2c and HTTP/1.1 need a port each.")
            : settings;
    }
}
