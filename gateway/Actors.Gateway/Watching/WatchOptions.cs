namespace Actors.Gateway.Watching;

/// <summary>
/// Limits on <c>WatchAnnotations</c> streams (<c>Gateway:Watch</c>). A watch holds a connection, a grain enumeration
/// and a slot in the document's memory for as long as it is open, so a user may hold only a few at once, and no
/// stream lives forever: when one ends with <c>UNAVAILABLE</c> the client watches again after the last sequence it
/// received (as after a gateway restart), which also re-runs every check a new watch gets.
/// </summary>
public sealed class WatchOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Gateway:Watch";

    /// <summary>Most watches one user (school + user id) holds open at once on this gateway; one more is <c>RESOURCE_EXHAUSTED</c>. Default 8.</summary>
    public int MaxWatchesPerUser { get; set; } = 8;

    /// <summary>Longest a watch stream stays open; then it ends with <c>UNAVAILABLE</c> and the client resumes. Default 30 minutes.</summary>
    public TimeSpan MaxStreamLifetime { get; set; } = TimeSpan.FromMinutes(30);
}
