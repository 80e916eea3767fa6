namespace Actors.Silo.Shutdown;

/// <summary>
/// Watching the cloud's instance-metadata endpoint for a spot (preemption) notice, to start the graceful shutdown as soon
/// as one appears. Off unless <see cref="Url"/> is set. Configuration section <see cref="SectionName"/>.
/// On Kubernetes a node termination handler (or graceful node shutdown) usually turns the notice into SIGTERM for the pod
/// already; the watcher is for silos on plain VMs, or a second line of defence. See docs/operations.md.
/// </summary>
public sealed class SpotInterruptionOptions
{
    /// <summary>Configuration section (environment: <c>Shutdown__SpotInterruption__Url</c>, ...).</summary>
    public const string SectionName = "Shutdown:SpotInterruption";

    /// <summary>
    /// The URL polled for a notice, e.g. AWS <c>http://169.254.169.254/latest/meta-data/spot/instance-action</c> (404 until
    /// a notice) or GCP <c>http://metadata.google.internal/computeMetadata/v1/instance/preempted</c> (<c>FALSE</c> until
    /// preempted, needs the header <c>Metadata-Flavor: Google</c>). Default none: the watcher is off.
    /// </summary>
    public Uri? Url { get; set; }

    /// <summary>Request headers sent with every poll (e.g. <c>Metadata-Flavor</c>). Default none.</summary>
    public Dictionary<string, string> Headers { get; set; } = [];

    /// <summary>Time between two polls. Default 5 s: a few seconds of a 120 s notice.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long one poll may take before it counts as "no answer". Default 2 s.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(2);
}
