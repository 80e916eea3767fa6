using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;

namespace Actors.Silo.Health;

/// <summary>
/// Ready only while this silo is Active in the cluster: not while it is still joining, and no longer once it has started
/// to shut down, so an orchestrator stops counting on it as soon as it leaves.
/// </summary>
internal sealed class SiloActiveHealthCheck(ISiloStatusOracle silo) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = silo.CurrentStatus;
        return Task.FromResult(status == SiloStatus.Active
            ? HealthCheckResult.Healthy($"{silo.SiloName} is Active")
            : HealthCheckResult.Unhealthy($"{silo.SiloName} is {status}"));
    }
}
