using Actors.Persistence.CockroachDb.Providers;
using Microsoft.Extensions.Options;
using Orleans.Hosting;
using Orleans.Providers;

namespace Actors.Persistence.CockroachDb.Hosting;

/// <summary><see cref="ISiloBuilder"/> registration of CockroachDB grain storage.</summary>
public static class CockroachGrainStorageSiloBuilderExtensions
{
    /// <summary>Adds a CockroachDB grain storage named <paramref name="name"/>.</summary>
    public static ISiloBuilder AddCockroachGrainStorage(this ISiloBuilder builder, string name, Action<CockroachGrainStorageOptions> configureOptions)
        => builder.ConfigureServices(services => services.AddCockroachGrainStorage(name, configureOptions));

    /// <summary>Adds a CockroachDB grain storage named <paramref name="name"/>, configured through an options builder.</summary>
    public static ISiloBuilder AddCockroachGrainStorage(this ISiloBuilder builder, string name, Action<OptionsBuilder<CockroachGrainStorageOptions>>? configureOptions)
        => builder.ConfigureServices(services => services.AddCockroachGrainStorage(name, configureOptions));

    /// <summary>Adds a CockroachDB grain storage as the default storage.</summary>
    public static ISiloBuilder AddCockroachGrainStorageAsDefault(this ISiloBuilder builder, Action<CockroachGrainStorageOptions> configureOptions)
        => builder.AddCockroachGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, configureOptions);
}
