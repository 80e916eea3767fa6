using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Actors.Silo.Shutdown;

/// <summary>Registration of the silo's graceful shutdown and spot-interruption watcher.</summary>
public static class GracefulShutdownExtensions
{
    /// <summary>
    /// Binds <see cref="GracefulShutdownOptions"/> (section <c>Shutdown</c>) to the host's shutdown timeout and Orleans'
    /// grain deactivation timeout, and runs the <see cref="SpotInterruptionWatcher"/> (section
    /// <c>Shutdown:SpotInterruption</c>; idle unless its URL is set).
    /// </summary>
    public static IServiceCollection AddGracefulShutdown(this IServiceCollection services)
    {
        services.AddOptions<GracefulShutdownOptions>().BindConfiguration(GracefulShutdownOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<GracefulShutdownOptions>, GracefulShutdownOptionsValidator>();
        services.AddOptions<HostOptions>().Configure<IOptions<GracefulShutdownOptions>>(
            static (host, shutdown) => host.ShutdownTimeout = shutdown.Value.Budget);
        services.AddOptions<GrainCollectionOptions>().Configure<IOptions<GracefulShutdownOptions>>(
            static (grains, shutdown) => grains.DeactivationTimeout = shutdown.Value.GrainDeactivationTimeout);

        services.AddOptions<SpotInterruptionOptions>().BindConfiguration(SpotInterruptionOptions.SectionName)
            .Validate(
                static o => o.Url is null || (o.Url.IsAbsoluteUri && o.Url.Scheme is "http" or "https"),
                $"{SpotInterruptionOptions.SectionName}:Url must be an absolute http(s) URL.")
            .Validate(
                static o => o.PollInterval > TimeSpan.Zero && o.RequestTimeout > TimeSpan.Zero,
                $"{SpotInterruptionOptions.SectionName}:PollInterval and :RequestTimeout must be positive.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);

        // Polled every few seconds: the factory's per-request Information logs would be the only lines in the log.
        services.AddHttpClient(SpotInterruptionWatcher.HttpClientName).RemoveAllLoggers();
        services.AddHostedService<SpotInterruptionWatcher>();
        return services;
    }
}
