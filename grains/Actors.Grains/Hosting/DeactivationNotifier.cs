using Orleans.Runtime;

namespace Actors.Grains.Hosting;

/// <summary>
/// Tells <see cref="IDeactivationListener"/> grains that their deactivation has begun. Orleans reports the start of
/// every deactivation (shutdown, migration, idle collection, a storage conflict) to the silo's working-set observers,
/// under the activation's lock and on the deactivating thread; the notice is queued onto the grain's own scheduler,
/// where grain code must run.
/// </summary>
internal sealed class DeactivationNotifier : IActivationWorkingSetObserver
{
    public void OnDeactivating(IActivationWorkingSetMember member)
    {
        if (member is IGrainContext { GrainInstance: IDeactivationListener listener } context)
        {
            context.Scheduler.QueueAction(listener.OnDeactivating);
        }
    }

    public void OnAdded(IActivationWorkingSetMember member)
    {
    }

    public void OnActive(IActivationWorkingSetMember member)
    {
    }

    public void OnEvicted(IActivationWorkingSetMember member)
    {
    }

    public void OnDeactivated(IActivationWorkingSetMember member)
    {
    }
}
