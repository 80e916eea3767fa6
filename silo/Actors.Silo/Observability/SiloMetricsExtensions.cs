using Actors.Persistence.CockroachDb.Diagnostics;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Actors.Silo.Observability;

/// <summary>OpenTelemetry metrics of the silo, exposed for Prometheus to scrape.</summary>
public static class SiloMetricsExtensions
{
    /// <summary>Where Prometheus scrapes the silo (on the HTTP port).</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>
    /// The meters exported besides Npgsql's: Orleans (messaging, grains, membership, storage), our storage provider
    /// (operations, retries by cause, version conflicts, ambiguous commits, failures, duration), the .NET runtime (GC,
    /// thread pool) and ASP.NET Core (the health, metrics and dashboard requests).
    /// </summary>
    public static readonly IReadOnlyList<string> Meters =
    [
        "Microsoft.Orleans",
        CockroachStorageMetrics.MeterName,
        "System.Runtime",
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
    ];

    /// <summary>Collects <see cref="Meters"/> and Npgsql's connection-pool and command metrics for a Prometheus exporter.</summary>
    public static IServiceCollection AddSiloMetrics(this IServiceCollection services, string serviceName)
    {
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithMetrics(metrics => metrics
                .AddMeter([.. Meters])
                .AddNpgsqlInstrumentation()
                .AddPrometheusExporter());
        return services;
    }

    /// <summary>Maps the Prometheus scrape endpoint at <see cref="MetricsPath"/>.</summary>
    public static IEndpointRouteBuilder MapSiloMetrics(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPrometheusScrapingEndpoint(MetricsPath);
        return endpoints;
    }
}
