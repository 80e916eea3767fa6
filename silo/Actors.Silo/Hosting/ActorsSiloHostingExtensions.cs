using System.Net;
using Actors.Clustering.CockroachDb.Hosting;
using Actors.Grains.Hosting;
using Actors.Persistence.CockroachDb.Hosting;
using Actors.Persistence.CockroachDb.Providers;
using Actors.Security.Hosting;
using Actors.Silo.Dashboard;
using Actors.Silo.Health;
using Actors.Silo.Observability;
using Actors.Silo.Shutdown;
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

    /// <summary>Configuration key that turns on Orleans' Kubernetes hosting (pod labels, watching pods of dead silos).</summary>
    public const string KubernetesKey = "Orleans:Kubernetes:Enabled";

    /// <summary>
    /// Runs an Orleans silo in this host, configured from <see cref="ActorsSiloSettings.FromConfiguration"/> plus the
    /// optional <c>Orleans:Membership</c> section (<see cref="ClusterMembershipOptions"/>, see docs/operations.md), with
    /// graceful shutdown (<see cref="GracefulShutdownOptions"/>), health checks, metrics and the operators' dashboard on
    /// the HTTP port (<c>Orleans:Endpoints:HttpPort</c>), and every grain call's caller verified from its token
    /// (<c>Jwt</c>, <c>CallerVerification</c>; docs/operations.md, "Trust boundary").
    /// </summary>
    /// <exception cref="InvalidOperationException">The configuration lacks the connection string or has a malformed value.</exception>
    public static WebApplicationBuilder AddActorsSilo(this WebApplicationBuilder builder)
    {
        var settings = ActorsSiloSettings.FromConfiguration(builder.Configuration);
        var dashboard = builder.Configuration.ReadDashboardOptions();
        builder.WebHost.ConfigureKestrel(kestrel => ListenHttp(kestrel, settings, dashboard));
        builder.Services.AddHostedService<MembershipSettingsLog>();
        builder.Services.AddGracefulShutdown();
        builder.Services.AddSiloHealthChecks(settings);
        builder.Services.AddSiloMetrics(serviceName: "actors-silo");
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
            silo.AddActorsGrains();

            // Grains act on the caller of the verified token, never on the Caller argument (Jwt, CallerVerification sections).
            silo.AddCallerVerification();

            // Mutual TLS on the silo and gateway ports (ClusterTls section); required outside Development.
            silo.UseClusterTls();
            silo.AddOperatorDashboard(dashboard);
            if (builder.Configuration.GetValue<bool>(KubernetesKey))
            {
                // Reads POD_NAME, POD_NAMESPACE and ORLEANS_CLUSTER_ID/ORLEANS_SERVICE_ID (deploy/kubernetes/silo.yaml).
                silo.UseKubernetesHosting();
            }
        });
        return builder;
    }

    /// <summary>Maps the silo's HTTP endpoints: health (<c>/health/live</c>, <c>/health/ready</c>), <c>/metrics</c>, the dashboard.</summary>
    public static WebApplication MapActorsSilo(this WebApplication app)
    {
        app.MapSiloHealthEndpoints();
        app.MapSiloMetrics();
        app.MapOperatorDashboard();
        return app;
    }

    /// <summary>
    /// Keeps membership and grain state in the CockroachDB (or PostgreSQL) database at <paramref name="connectionString"/>:
    /// cluster membership, the default grain storage, the <see cref="StorageName"/> storage (large collections one
    /// row per item, <see cref="GrainStateLayout"/>), and the audit trail.
    /// </summary>
    public static ISiloBuilder UseActorsDatabase(this ISiloBuilder silo, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return silo
            .UseCockroachClustering(o => o.ConnectionString = connectionString)
            .AddCockroachGrainStorageAsDefault(o => Configure(o.StoreLargeCollectionsPerItem(), connectionString))
            .AddCockroachGrainStorage(StorageName, o => Configure(o.StoreLargeCollectionsPerItem(), connectionString))
            .AddCockroachAuditTrail(o => o.ConnectionString = connectionString);
    }

    private static void Configure(CockroachGrainStorageOptions options, string connectionString)
    {
        options.ConnectionString = connectionString;

        // Cross-grain batching stays on (the provider's default): its batches read only their own rows, so concurrent
        // batches over different grains do not conflict under SERIALIZABLE (docs/storage.md, "Cross-grain batching").
    }

    // The HTTP port listens where the silo port does; the dashboard has a listener of its own (loopback by default).
    private static void ListenHttp(Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions kestrel, ActorsSiloSettings settings, OperatorDashboardOptions dashboard)
    {
        if (IPAddress.IsLoopback(settings.AdvertisedIPAddress))
        {
            kestrel.Listen(IPAddress.Loopback, settings.HttpPort);
        }
        else
        {
            kestrel.ListenAnyIP(settings.HttpPort);
        }

        if (dashboard.Enabled && dashboard.Port == settings.HttpPort)
        {
            throw new InvalidOperationException(
                $"{OperatorDashboardOptions.SectionName}:Port ({dashboard.Port}) must differ from {ActorsSiloSettings.HttpPortKey}: the dashboard has a listener of its own.");
        }

        kestrel.ListenDashboard(dashboard);
    }
}
