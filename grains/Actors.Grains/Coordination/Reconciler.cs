using Actors.Contracts.Errors;

namespace Actors.Grains.Coordination;

/// <summary>
/// Runs a coordinator grain's reconciliation — the idempotent steps that finish the intent it recorded — after each
/// change, and again on a timer for as long as anything is unfinished. The class (enrollments, copies) and the school
/// (rostering) coordinate this way: intent first in their own row, then the steps on other grains, then completion.
/// </summary>
/// <param name="grain">The grain the timer belongs to.</param>
/// <param name="reconcile">Carries out all recorded intent; throws if it could not record its progress (the school: the first failed step).</param>
/// <param name="isUnfinished">True while recorded intent is left to carry out: the timer keeps retrying until it is false.</param>
/// <param name="retryInterval">How often the timer retries.</param>
/// <param name="onFailed">Told of a failed background attempt (it will be retried).</param>
/// <param name="onRefused">
/// If given, told of a background attempt refused with a domain error, which then stops the timer until the next call
/// (the school). Without it a domain error is a failure like any other, and retried.
/// </param>
internal sealed class Reconciler(
    Grain grain,
    Func<Task> reconcile,
    Func<bool> isUnfinished,
    TimeSpan retryInterval,
    Action<Exception> onFailed,
    Action<DomainException>? onRefused = null)
{
    private IGrainTimer? _timer;

    /// <summary>Reconciles now, leaving a timer to retry in the background while anything is unfinished; rethrows a failure.</summary>
    public async Task CompleteAsync()
    {
        try
        {
            await reconcile();
        }
        finally
        {
            RetryWhileUnfinished();
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
        catch (DomainException e) when (onRefused is not null)
        {
            // Refused rather than failed: the next call to the grain tries again and reports it.
            onRefused(e);
            Stop();
            return;
        }
        catch (Exception e)
        {
            onFailed(e);
        }

        if (!isUnfinished())
        {
            Stop();
        }
    }

    private void RetryWhileUnfinished()
    {
        if (isUnfinished())
        {
            Schedule(retryInterval);
        }
        else
        {
            Stop();
        }
    }

    private void Stop()
    {
        _timer?.Dispose();
        _timer = null;
    }
}
