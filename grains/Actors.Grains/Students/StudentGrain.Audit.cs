using Actors.Contracts;
using Actors.Contracts.Audit;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace Actors.Grains.Students;

/// <summary>
/// The audit trail of reads by others: every successful read of the student's records by someone other than the
/// student (a teacher, a school administrator, an export) adds an <see cref="AuditEvent"/> to a buffer in memory —
/// the read itself writes nothing — and the buffer is appended to the <see cref="IAuditTrail"/> in one batch on a
/// short timer (<see cref="StudentGrainOptions.AuditFlushInterval"/>), when it fills, before the school lists the
/// trail, and on deactivation (so a graceful stop loses none). A failed append keeps the events for the next one.
/// </summary>
public sealed partial class StudentGrain
{
    // Both null until the activation's first audited read, and again once a tick of the timer finds nothing to append:
    // an idle activation holds no buffer and no timer (see OnActivateAsync).
    private List<AuditEvent>? _audit;
    private IGrainTimer? _auditTimer;

    // An append started because the buffer filled; deactivation waits for it.
    private Task _auditAppend = Task.CompletedTask;

    /// <inheritdoc />
    public async Task FlushAudit()
    {
        await FlushAuditAsync();
        SleepIfOnlySynced();
    }

    /// <summary>Records that <paramref name="caller"/> read the student's records through <paramref name="action"/>, unless the caller is the student.</summary>
    private void Audit(Caller caller, string action)
    {
        if (StudentAccess.IsSelf(Key, caller))
        {
            return;
        }

        (_audit ??= []).Add(AuditEvent.Of(caller, StudentId, action, Now));
        StartAuditTimer();
        if (_audit.Count >= _options.MaxBufferedAuditEvents && _auditAppend.IsCompleted)
        {
            // Not awaited by the read: the append goes on beside the grain's next calls.
            _auditAppend = FlushAuditOnTimerAsync();
        }
    }

    private void StartAuditTimer() => _auditTimer ??= this.RegisterGrainTimer(
        static (grain, _) => grain.OnAuditTimerAsync(),
        this,
        new GrainTimerCreationOptions(_options.AuditFlushInterval, _options.AuditFlushInterval) { KeepAlive = false });

    /// <summary>
    /// A tick of the audit timer: appends what is buffered; once a tick finds nothing (and no append is under way),
    /// stops the timer and drops the buffer until the next audited read.
    /// </summary>
    private Task OnAuditTimerAsync()
    {
        if (_audit is { Count: > 0 } || !_auditAppend.IsCompleted)
        {
            return FlushAuditOnTimerAsync();
        }

        _auditTimer?.Dispose();
        (_auditTimer, _audit) = (null, null);
        return Task.CompletedTask;
    }

    private async Task FlushAuditOnTimerAsync()
    {
        try
        {
            await FlushAuditAsync();
        }
        catch (Exception e)
        {
            LogAuditFlushFailed(e, StudentId, _audit?.Count ?? 0);
        }
    }

    /// <summary>Appends the buffer; on failure the events go back to its front, in order, and the error propagates.</summary>
    private async Task FlushAuditAsync()
    {
        if (_audit is not { Count: > 0 } audit)
        {
            return;
        }

        var batch = audit.ToArray();
        audit.Clear();
        try
        {
            await auditTrail.AppendAsync(batch);
        }
        catch
        {
            // Into the buffer of now: a tick may have dropped the emptied one meanwhile (and a read started another).
            (_audit ??= []).InsertRange(0, batch);
            StartAuditTimer();
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Student {StudentId}: appending {Count} audit events failed; they stay buffered for the next flush")]
    private partial void LogAuditFlushFailed(Exception exception, string studentId, int count);
}
