using Microsoft.Extensions.Options;

namespace Actors.Gateway.Watching;

/// <summary>Registers the watch limits (<see cref="WatchOptions"/>, validated at start-up).</summary>
internal static class WatchingExtensions
{
    public static IServiceCollection AddActorsWatchLimits(this IServiceCollection services)
    {
        services.AddOptions<WatchOptions>().BindConfiguration(WatchOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WatchOptions>, WatchOptionsValidator>();
        services.AddSingleton<WatchSlots>();
        return services;
    }
}
