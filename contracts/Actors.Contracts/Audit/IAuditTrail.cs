namespace Actors.Contracts.Audit;

/// <summary>
/// Where audit events are kept: a silo service (registered by the silo's host, e.g. the CockroachDB audit trail), not
/// a grain. Grains buffer their events and append them in batches; the school grain reads them back per student.
/// </summary>
public interface IAuditTrail
{
    /// <summary>Appends <paramref name="events"/> durably. Idempotent per <see cref="AuditEvent.EventId"/>: a retried batch is written once.</summary>
    Task AppendAsync(IReadOnlyList<AuditEvent> events, CancellationToken cancellationToken = default);

    /// <summary>
    /// The student's events after <paramref name="after"/> (null: from the oldest), oldest first, at most
    /// <paramref name="limit"/>.
    /// </summary>
    Task<IReadOnlyList<AuditEvent>> ListAsync(string schoolId, string studentId, AuditCursor? after, int limit, CancellationToken cancellationToken = default);
}
