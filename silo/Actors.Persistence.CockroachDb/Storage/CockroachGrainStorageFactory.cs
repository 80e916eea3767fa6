using Actors.Persistence.CockroachDb.Diagnostics;
using Actors.Persistence.CockroachDb.Providers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Actors.Persistence.CockroachDb.Storage;

/// <summary>Creates <see cref="CockroachGrainStorage"/> instances for the silo's keyed storage registry.</summary>
public static class CockroachGrainStorageFactory
{
    /// <summary>Creates the storage named <paramref name="name"/> from its named options.</summary>
    public static CockroachGrainStorage Create(IServiceProvider services, string name)
    {
        var options = services.GetRequiredService<IOptionsMonitor<CockroachGrainStorageOptions>>().Get(name);

        // The silo builds its lifecycle participants (this storage among them) before it runs the registered
        // validators, so validate here too: a missing connection string must fail with its own message.
        new CockroachGrainStorageOptionsValidator(options, name, services.GetService<IOptions<SiloMessagingOptions>>()?.Value).ValidateConfiguration();
        var serviceId = services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId;
        var metrics = new CockroachStorageMetrics(services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), name);
        return ActivatorUtilities.CreateInstance<CockroachGrainStorage>(services, name, serviceId, options, metrics);
    }
}
