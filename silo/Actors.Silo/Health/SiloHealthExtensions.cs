using Actors.Silo.Hosting;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Actors.Silo.Health;

/// <summary>The silo's liveness and readiness endpoints.</summary>
public static class SiloHealthExtensions
{
    /// <summary>Liveness: the process serves HTTP. It never depends on the database, so an outage restarts no silo.</summary>
    public const string LivePath = "/health/live";

    /// <summary>Readiness: the silo is Active in the cluster and the database answers.</summary>
    public const string ReadyPath = "/health/ready";

    private const string ReadyTag = "ready";

    /// <summary>Registers the readiness checks: <see cref="SiloActiveHealthCheck"/> and <see cref="DatabaseHealthCheck"/>.</summary>
    public static IServiceCollection AddSiloHealthChecks(this IServiceCollection services, ActorsSiloSettings settings)
    {
        services.AddSingleton(_ => new DatabaseHealthCheck(settings.ConnectionString));
        services.AddHealthChecks()
            .AddCheck<SiloActiveHealthCheck>("silo", tags: [ReadyTag])
            .AddCheck<DatabaseHealthCheck>("database", tags: [ReadyTag], timeout: TimeSpan.FromSeconds(5));
        return services;
    }

    /// <summary>Maps <see cref="LivePath"/> and <see cref="ReadyPath"/> (200 with <c>Healthy</c>, else 503).</summary>
    public static IEndpointRouteBuilder MapSiloHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = static _ => false });
        endpoints.MapHealthChecks(ReadyPath, new HealthCheckOptions
        {
            Predicate = static check => check.Tags.Contains(ReadyTag),
            ResponseWriter = WriteReport,
        });
        return endpoints;
    }

    // One line per check, so an operator running curl sees why a silo is not ready.
    private static Task WriteReport(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        var lines = report.Entries.Select(e => $"{e.Key}: {e.Value.Status} ({e.Value.Description})");
        return context.Response.WriteAsync($"{report.Status}\n{string.Join('\n', lines)}\n");
    }
}
