namespace Actors.Grains.Hosting;

/// <summary>
/// A grain that must let go of long-running requests as soon as it starts to deactivate. Orleans calls
/// <c>OnDeactivateAsync</c> only once no request of the activation is running; a request that waits for something
/// the grain would end in <c>OnDeactivateAsync</c> (a watch's long poll, say) would hold the deactivation until it times
/// out by itself. <see cref="DeactivationNotifier"/> calls <see cref="OnDeactivating"/> when deactivation begins.
/// </summary>
internal interface IDeactivationListener
{
    /// <summary>Called on the grain's scheduler once deactivation has begun, before Orleans waits for running requests.</summary>
    void OnDeactivating();
}
