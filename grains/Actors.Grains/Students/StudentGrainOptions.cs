namespace Actors.Grains.Students;

/// <summary>How a student grain buffers page views and audit events. Configure with <c>services.Configure&lt;StudentGrainOptions&gt;</c>.</summary>
public sealed class StudentGrainOptions
{
    /// <summary>
    /// How often buffered page views are written. A hard kill of the silo loses at most the views of one
    /// interval (or <see cref="MaxBufferedPageViews"/>, whichever is fewer). Default 30 s.
    /// </summary>
    public TimeSpan PageViewFlushInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Buffered views that trigger a write before the timer does. Also the most views a crash can lose: when that write
    /// fails, the full buffer takes no more views (they are refused with the storage's error, UNAVAILABLE through the
    /// API) until a flush succeeds. Default 500.
    /// </summary>
    public int MaxBufferedPageViews { get; set; } = 500;

    /// <summary>
    /// How often the audit events of reads by others (teachers, school administrators, exports) are written. Reads only
    /// add to a buffer; a graceful stop writes it on deactivation, a hard kill loses at most one interval. Default 1 s.
    /// </summary>
    public TimeSpan AuditFlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Buffered audit events that trigger a write before the timer does. Default 200.</summary>
    public int MaxBufferedAuditEvents { get; set; } = 200;
}
