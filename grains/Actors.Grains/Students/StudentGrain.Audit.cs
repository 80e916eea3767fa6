using Actors.Contracts;
using Actors.Contracts.Audit;
using Microsoft.Extensions.Logging;

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
    private readonly List<AuditEvent> _audit = [];

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

        _audit.Add(AuditEvent.Of(caller, StudentId, action, Now));
        if (_audit.Count >= _options.MaxBufferedAuditEvents && _auditAppend.IsCompleted)
        {
            // Not awaited by the read: the append goes on beside the grain's next calls.
            _auditAppend = FlushAuditOnTimerAsync();
        }
    }

    private async Task FlushAuditOnTimerAsync()
    {
        try
        {
            await FlushAuditAsync();
        }
        catch (Exception e)
        {
            LogAuditFlushFailed(e, StudentId, _audit.Count);
        }
    }

    /// <summary>Appends the buffer; on failure the events go back to its front, in order, and the error propagates.</summary>
    private async Task FlushAuditAsync()
    {
        if (_audit.Count == 0)
        {
            return;
        }

        var batch = _audit.ToArray();
        _audit.Clear();
        try
        {
            await auditTrail.AppendAsync(batch);
        }
        catch
        {
            _audit.InsertRange(0, batch);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Student {StudentId}: appending {Count} audit events failed; they stay buffered for the next flush")]
    private partial void LogAuditFlushFailed(Exception exception, string studentId, int count);
}
