namespace Actors.Grains.Documents;

/// <summary>How a document grain writes and streams. Configure with <c>services.Configure&lt;DocumentGrainOptions&gt;</c>.</summary>
public sealed class DocumentGrainOptions
{
    /// <summary>Most changes one storage write carries; more wait for the next write. Bounds a write's size and latency. Default 500.</summary>
    public int MaxChangesPerWrite { get; set; } = 500;

    /// <summary>
    /// How many recent annotation events a document keeps in memory for watchers that resume after a gap.
    /// Watchers further behind get a snapshot instead. Default 1024.
    /// </summary>
    public int EventLogCapacity { get; set; } = 1024;

    /// <summary>
    /// How long a document trusts a class's word that a caller is its teacher or member, and how often an open watch
    /// re-checks its watcher's access even when nothing changed. Roster and sharing changes are seen at once (the
    /// class tells the document; the document knows its own sharing); this bounds how stale access can be if such a
    /// signal is lost. Default 30 s.
    /// </summary>
    public TimeSpan AccessRecheckInterval { get; set; } = TimeSpan.FromSeconds(30);
}
