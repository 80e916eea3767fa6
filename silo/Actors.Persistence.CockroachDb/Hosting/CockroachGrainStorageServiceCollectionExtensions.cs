using Actors.Persistence.CockroachDb.Providers;
using Actors.Persistence.CockroachDb.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Providers;
using Orleans.Runtime.Hosting;

namespace Actors.Persistence.CockroachDb.Hosting;

/// <summary><see cref="IServiceCollection"/> registration of CockroachDB grain storage.</summary>
public static class CockroachGrainStorageServiceCollectionExtensions
{
    /// <summary>Adds a CockroachDB grain storage named <paramref name="name"/>.</summary>
    public static IServiceCollection AddCockroachGrainStorage(this IServiceCollection services, string name, Action<OptionsBuilder<CockroachGrainStorageOptions>>? configureOptions)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        configureOptions?.Invoke(services.AddOptions<CockroachGrainStorageOptions>(name));
        services.AddMetrics();
        services.AddTransient<IConfigurationValidator>(sp => new CockroachGrainStorageOptionsValidator(
            sp.GetRequiredService<IOptionsMonitor<CockroachGrainStorageOptions>>().Get(name),
            name,
            sp.GetService<IOptions<SiloMessagingOptions>>()?.Value));
        services.ConfigureNamedOptionForLogging<CockroachGrainStorageOptions>(name);
        return services.AddGrainStorage(name, CockroachGrainStorageFactory.Create);
    }

    /// <summary>Adds a CockroachDB grain storage named <paramref name="name"/>.</summary>
    public static IServiceCollection AddCockroachGrainStorage(this IServiceCollection services, string name, Action<CockroachGrainStorageOptions> configureOptions)
        => services.AddCockroachGrainStorage(name, ob => ob.Configure(configureOptions));

    /// <summary>Adds a CockroachDB grain storage as the default storage.</summary>
    public static IServiceCollection AddCockroachGrainStorageAsDefault(this IServiceCollection services, Action<CockroachGrainStorageOptions> configureOptions)
        => services.AddCockroachGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, configureOptions);
}
