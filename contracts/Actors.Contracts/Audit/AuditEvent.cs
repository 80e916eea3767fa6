using System.Globalization;

namespace Actors.Contracts.Audit;

/// <summary>
/// One read of a student's records by someone other than the student (a teacher, a school administrator, an
/// export): who, what, when. Kept per school and student in the audit trail (<see cref="IAuditTrail"/>).
/// </summary>
/// <param name="EventId">Unique per event: a retried append writes it once.</param>
/// <param name="SchoolId">The student's school.</param>
/// <param name="StudentId">The student whose records were read.</param>
/// <param name="ActorId">Who read them (a user id of the school).</param>
/// <param name="ActorRole">In which role.</param>
/// <param name="Action">What was read, named by the API method (e.g. <c>StudentService.GetProfile</c>).</param>
/// <param name="At">When, to the microsecond (what the database keeps).</param>
[GenerateSerializer, Immutable, Alias("Actors.AuditEvent")]
public sealed record AuditEvent(
    [property: Id(0)] Guid EventId,
    [property: Id(1)] string SchoolId,
    [property: Id(2)] string StudentId,
    [property: Id(3)] string ActorId,
    [property: Id(4)] CallerRole ActorRole,
    [property: Id(5)] string Action,
    [property: Id(6)] DateTimeOffset At)
{
    /// <summary>An event of <paramref name="caller"/> reading <paramref name="studentId"/>'s records now.</summary>
    public static AuditEvent Of(Caller caller, string studentId, string action, DateTimeOffset now)
        => new(Guid.NewGuid(), caller.SchoolId, studentId, caller.UserId, caller.Role, action, Truncate(now));

    /// <summary>The event's place in its student's trail (time, then id), for paging.</summary>
    public AuditCursor Cursor => new(At, EventId);

    /// <summary>Timestamps are kept to the microsecond, so a cursor read back matches the one that was stored.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset at) => new(at.UtcTicks - (at.UtcTicks % 10), TimeSpan.Zero);
}

/// <summary>A position in a student's audit trail: after the event at <see cref="At"/> with <see cref="EventId"/>.</summary>
[GenerateSerializer, Immutable, Alias("Actors.AuditCursor")]
public readonly record struct AuditCursor([property: Id(0)] DateTimeOffset At, [property: Id(1)] Guid EventId)
{
    /// <summary>As text, for a page token: UTC ticks and the id.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{At.UtcTicks}.{EventId:N}");

    /// <summary>Reads <see cref="ToString"/>'s form back.</summary>
    public static bool TryParse(string? text, out AuditCursor cursor)
    {
        cursor = default;
        var dot = text?.IndexOf('.') ?? -1;
        if (dot <= 0
            || !long.TryParse(text.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || ticks > DateTimeOffset.MaxValue.UtcTicks
            || !Guid.TryParseExact(text.AsSpan(dot + 1), "N", out var id))
        {
            return false;
        }

        cursor = new AuditCursor(new DateTimeOffset(ticks, TimeSpan.Zero), id);
        return true;
    }
}

/// <summary>One page of a student's audit trail, oldest first.</summary>
[GenerateSerializer, Immutable, Alias("Actors.AuditEventPage")]
public sealed record AuditEventPage([property: Id(0)] IReadOnlyList<AuditEvent> Events, [property: Id(1)] bool HasMore);
