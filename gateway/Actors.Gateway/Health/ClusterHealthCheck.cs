using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Actors.Gateway.Health;

/// <summary>Ready while the Orleans client holds a connection to at least one silo: without one every call would fail.</summary>
internal sealed class ClusterHealthCheck(ClusterConnection connection) : IHealthCheck
{
    public const string Name = "orleans-cluster";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var gateways = connection.ConnectedGateways;
        return Task.FromResult(gateways > 0
            ? HealthCheckResult.Healthy($"Connected to {gateways} silo gateway(s).")
            : HealthCheckResult.Unhealthy("Not connected to any silo."));
    }
}
