using Actors.Contracts.Audit;
using Actors.Persistence.CockroachDb.Audit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;

namespace Actors.Persistence.CockroachDb.Hosting;

/// <summary><see cref="ISiloBuilder"/> registration of the audit trail on CockroachDB.</summary>
public static class CockroachAuditTrailSiloBuilderExtensions
{
    /// <summary>Adds <see cref="CockroachAuditTrail"/> as the silo's <see cref="IAuditTrail"/>; its table is created when the silo starts.</summary>
    public static ISiloBuilder AddCockroachAuditTrail(this ISiloBuilder builder, Action<CockroachAuditTrailOptions> configureOptions)
        => builder.ConfigureServices(services =>
        {
            services.AddOptions<CockroachAuditTrailOptions>().Configure(configureOptions);
            services.AddSingleton(sp => new CockroachAuditTrail(
                sp.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId,
                sp.GetRequiredService<IOptions<CockroachAuditTrailOptions>>().Value,
                sp.GetRequiredService<ILogger<CockroachAuditTrail>>()));
            services.AddSingleton<IAuditTrail>(sp => sp.GetRequiredService<CockroachAuditTrail>());
            services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<CockroachAuditTrail>());
        });
}
