using OpenTelemetry.Metrics;

namespace Actors.Gateway.Diagnostics;

/// <summary>Metrics in Prometheus' text format on <c>/metrics</c>: the gateway's calls, ASP.NET Core's requests, and the Orleans client.</summary>
internal static class TelemetryExtensions
{
    public static IServiceCollection AddActorsTelemetry(this IServiceCollection services)
    {
        services.AddSingleton<GatewayMetrics>();
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(
                GatewayMetrics.MeterName,
                "Microsoft.AspNetCore.Hosting",
                "Microsoft.AspNetCore.Server.Kestrel",
                "Microsoft.AspNetCore.RateLimiting",
                "Microsoft.Orleans")
            .AddPrometheusExporter());
        return services;
    }
}
