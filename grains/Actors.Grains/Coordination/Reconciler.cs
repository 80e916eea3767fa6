using Actors.Contracts.Errors;

namespace Actors.Grains.Coordination;

/// <summary>
/// Runs a coordinator grain's reconciliation — the idempotent steps that finish the intent it recorded — after each
/// change, and again on a timer after a failure until it succeeds. The class (enrollments, copies) and the school
/// (rostering) coordinate this way: intent first in their own row, then the steps on other grains, then completion.
/// </summary>
/// <param name="grain">The grain the timer belongs to.</param>
/// <param name="reconcile">Carries out all recorded intent; throws the first failure after recording progress.</param>
/// <param name="retryInterval">How often the timer retries after a failure.</param>
/// <param name="onFailed">Told of a failed background attempt (it will be retried).</param>
/// <param name="onRefused">Told of a background attempt refused with a domain error (not retried until the next call).</param>
internal sealed class Reconciler(Grain grain, Func<Task> reconcile, TimeSpan retryInterval, Action<Exception> onFailed, Action<DomainException> onRefused)
{
    private IGrainTimer? _timer;

    /// <summary>Reconciles now; if that fails, leaves a timer to retry in the background, and reports the failure.</summary>
    public async Task CompleteAsync()
    {
        try
        {
            await reconcile();
        }
        catch
        {
            Schedule(retryInterval);
            throw;
        }
    }

    /// <summary>Reconciles in the background after <paramref name="dueTime"/> (at once on an activation with unfinished work), then every retry interval until done.</summary>
    public void Schedule(TimeSpan dueTime)
        => _timer ??= grain.RegisterGrainTimer(
            static (self, _) => self.RunOnTimerAsync(),
            this,
            new GrainTimerCreationOptions(dueTime, retryInterval) { KeepAlive = false });

    private async Task RunOnTimerAsync()
    {
        try
        {
            await reconcile();
        }
        catch (DomainException e)
        {
            // Refused rather than failed: retrying will not help; the next call to the grain tries again and reports it.
            onRefused(e);
            Stop();
            return;
        }
        catch (Exception e)
        {
            onFailed(e);
            return;
        }

        Stop();
    }

    private void Stop()
    {
        _timer?.Dispose();
        _timer = null;
    }
}
