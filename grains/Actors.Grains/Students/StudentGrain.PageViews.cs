using System.Runtime.ExceptionServices;
using Actors.Contracts;
using Actors.Contracts.Collections;
using Actors.Contracts.Students;
using Actors.Grains.Validation;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace Actors.Grains.Students;

/// <summary>
/// Page views: counted in <see cref="PageViewBuffer"/>, written when enough are buffered, on a timer, on
/// deactivation, and with any other write of the student (see <see cref="SaveAsync"/>) — never one write per view.
/// What a crash can lose is bounded by the buffer: at most <see cref="StudentGrainOptions.MaxBufferedPageViews"/>
/// views, since a full buffer takes no more views until it is written.
/// </summary>
public sealed partial class StudentGrain
{
    // The last flush's failure while the buffer is full: further views are refused with it until a flush succeeds.
    private ExceptionDispatchInfo? _flushFailure;

    // Both null until the activation's first view, and again once a tick of the timer finds nothing to write: an idle
    // activation holds no buffer and no timer (see OnActivateAsync).
    private PageViewBuffer? _pageViews;
    private IGrainTimer? _pageViewTimer;

    /// <summary>Views counted since the last successful write.</summary>
    private long BufferedViews => _pageViews?.Count ?? 0;

    public async Task RecordPageView(Caller caller, string page, string? requestId, CancellationToken cancellationToken)
    {
        StudentAccess.RequireSelf(State, Key, caller, "record page views for");
        new Validator().Text("page", page, DomainLimits.PageKeyLength).OptionalId("requestId", requestId).ThrowIfInvalid();
        if (requestId is not null && (_pageViews?.Holds(requestId) == true || State.PageViewRequestIds.ContainsKey(requestId)))
        {
            return; // a retry of a view already counted
        }

        // A full buffer means its flush failed (writes are failing): counting more would let a crash lose more than the
        // documented bound, so the view is refused (the storage's error: UNAVAILABLE, retry later) and not retried per
        // view either; the timer keeps trying and takes views again once a flush succeeds.
        if (BufferedViews >= _options.MaxBufferedPageViews)
        {
            _flushFailure?.Throw();
        }

        (_pageViews ??= new()).Add(page, requestId);
        _pageViewTimer ??= this.RegisterGrainTimer(
            static (grain, _) => grain.OnPageViewTimerAsync(),
            this,
            new GrainTimerCreationOptions(_options.PageViewFlushInterval, _options.PageViewFlushInterval) { KeepAlive = false });
        if (BufferedViews >= _options.MaxBufferedPageViews)
        {
            await TryFlushPageViewsAsync(); // this view is counted either way: within the bound
        }
    }

    public Task<PageViewSummary> GetPageViews(Caller caller, CancellationToken cancellationToken)
    {
        StudentAccess.RequireSelfOrAdmin(State, Key, caller, "read the page views of");
        Audit(caller, "StudentService.GetPageViews");
        var counts = WithBufferedViews(State.PageViews).AsNumbers();
        var durable = State.PageViews.Values.Sum(p => p.Count);
        return Task.FromResult(new PageViewSummary(durable + BufferedViews, counts, durable, BufferedViews));
    }

    /// <summary><paramref name="totals"/> plus the buffered views.</summary>
    private TrackedDictionary<PageViewCount> WithBufferedViews(TrackedDictionary<PageViewCount> totals)
        => _pageViews is null ? totals : _pageViews.AddTo(totals);

    /// <summary>
    /// A tick of the page-view timer: writes what is buffered; once a tick finds nothing (the views were written by
    /// then, with another write or by the last tick), stops the timer and drops the buffer until the next view.
    /// </summary>
    private Task OnPageViewTimerAsync()
    {
        if (BufferedViews > 0)
        {
            return TryFlushPageViewsAsync();
        }

        _pageViewTimer?.Dispose();
        (_pageViewTimer, _pageViews) = (null, null);
        return Task.CompletedTask;
    }

    /// <summary>The timer's and the threshold's flush: a failure is logged and leaves the views buffered for the next one.</summary>
    private async Task TryFlushPageViewsAsync()
    {
        if (BufferedViews == 0)
        {
            return;
        }

        try
        {
            await WritePageViewsAsync();
        }
        catch (Exception e)
        {
            _flushFailure = ExceptionDispatchInfo.Capture(e);
            LogFlushFailed(e, StudentId, BufferedViews);
        }
    }

    /// <summary>
    /// The deactivation's flush: retried with backoff until it succeeds or the deactivation's budget runs out (Orleans'
    /// <c>DeactivationTimeout</c>, cut short by a silo's shutdown budget), since the views are lost after it.
    /// </summary>
    private async Task FlushPageViewsBeforeDeactivationAsync(CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(100);
        for (var attempt = 1; BufferedViews > 0 && !cancellationToken.IsCancellationRequested; attempt++)
        {
            try
            {
                await WritePageViewsAsync();
                return;
            }
            catch (Exception e) when (attempt > 1)
            {
                LogFlushRetryFailed(e, StudentId, attempt);
            }
            catch (Exception e)
            {
                LogFlushFailed(e, StudentId, BufferedViews);
            }

            await Task.Delay(delay, time, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(2).Ticks));
        }

        if (BufferedViews > 0)
        {
            LogViewsLost(StudentId, BufferedViews);
        }
    }

    /// <summary>
    /// Writes the buffered views. On a version conflict storage holds a newer state than this activation (a write
    /// whose outcome was unknown did apply, or another activation wrote): the views are increments, so they are
    /// added to what storage holds now — read afresh — and the activation is then deactivated, so that nothing else
    /// runs on a copy that was stale.
    /// </summary>
    private async Task WritePageViewsAsync()
    {
        try
        {
            await SaveAsync(State);
        }
        catch (InconsistentStateException)
        {
            await storage.ReadStateAsync();
            storage.State = StudentStateMigration.Upgrade(storage.State, storage.RecordExists);
            DeactivateOnIdle();
            await SaveAsync(State);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Student {StudentId}: writing {Count} buffered page views failed; they stay buffered for the next flush")]
    private partial void LogFlushFailed(Exception exception, string studentId, long count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Student {StudentId}: writing buffered page views before deactivation failed again (attempt {Attempt})")]
    private partial void LogFlushRetryFailed(Exception exception, string studentId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Student {StudentId}: {Count} buffered page views could not be written before deactivation and are lost")]
    private partial void LogViewsLost(string studentId, long count);
}
