using Actors.Contracts;
using Actors.Contracts.Students;
using Actors.Grains.Validation;
using Microsoft.Extensions.Logging;

namespace Actors.Grains.Students;

/// <summary>
/// Page views: counted in <see cref="PageViewBuffer"/>, written when enough are buffered, on a timer, on
/// deactivation, and with any other write of the student (see <see cref="SaveAsync"/>) — never one write per view.
/// </summary>
public sealed partial class StudentGrain
{
    public async Task RecordPageView(Caller caller, string page, CancellationToken cancellationToken)
    {
        StudentAccess.RequireSelf(State, Key, caller, "record page views for");
        new Validator().Text("page", page, DomainLimits.PageKeyLength).ThrowIfInvalid();
        _pageViews.Add(page);
        if (_pageViews.Count >= _options.MaxBufferedPageViews && !_flushFailing)
        {
            await FlushPageViewsAsync();
        }
    }

    public Task<PageViewSummary> GetPageViews(Caller caller, CancellationToken cancellationToken)
    {
        StudentAccess.RequireSelfOrAdmin(State, Key, caller, "read the page views of");
        Audit(caller, "StudentService.GetPageViews");
        var counts = _pageViews.AddTo(State.PageViews);
        return Task.FromResult(new PageViewSummary(counts.Values.Sum(), counts));
    }

    private async Task FlushPageViewsAsync()
    {
        if (_pageViews.Count == 0)
        {
            return;
        }

        try
        {
            await SaveAsync(State);
        }
        catch (Exception e)
        {
            // The views stay buffered (memory still matches storage) and the next flush carries them.
            _flushFailing = true;
            LogFlushFailed(e, StudentId, _pageViews.Count);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Student {StudentId}: writing {Count} buffered page views failed; they stay buffered for the next flush")]
    private partial void LogFlushFailed(Exception exception, string studentId, long count);
}
