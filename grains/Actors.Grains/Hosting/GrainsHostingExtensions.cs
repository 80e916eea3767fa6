using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Runtime;

namespace Actors.Grains.Hosting;

/// <summary>What a silo hosting these grains adds besides the grain classes (which Orleans finds by itself).</summary>
public static class GrainsHostingExtensions
{
    /// <summary>
    /// Adds the silo services the grains rely on: the notice that ends a document's open watches as soon as it starts
    /// to deactivate (<see cref="IDeactivationListener"/>). Without it the grains still work, but a watched document's
    /// deactivation (a graceful shutdown, a migration) waits for each watch's long poll to time out, up to half the
    /// silo's response timeout.
    /// </summary>
    public static ISiloBuilder AddActorsGrains(this ISiloBuilder silo)
    {
        silo.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IActivationWorkingSetObserver, DeactivationNotifier>());
        return silo;
    }
}
