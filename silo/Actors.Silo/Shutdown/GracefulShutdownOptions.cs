namespace Actors.Silo.Shutdown;

/// <summary>
/// How long a silo may take to stop after SIGTERM (or a spot-interruption notice): stop taking work, let calls in flight
/// finish, deactivate every grain (which writes buffered state such as page views), leave the membership table, exit.
/// Configuration section <see cref="SectionName"/>. The numbers must fit the cloud's reclaim notice (2 minutes) together
/// with Kubernetes' preStop hook: see docs/operations.md, "Shutdown budget".
/// </summary>
public sealed class GracefulShutdownOptions
{
    /// <summary>Configuration section (environment: <c>Shutdown__Budget</c>, ...).</summary>
    public const string SectionName = "Shutdown";

    /// <summary>The longest budget accepted: a spot reclaim gives 120 s of notice, and the pod's preStop hook and the
    /// node's own shutdown need some of it.</summary>
    public static readonly TimeSpan MaxBudget = TimeSpan.FromSeconds(110);

    /// <summary>
    /// Time from the stop signal to exit (<c>HostOptions.ShutdownTimeout</c>). When it runs out the silo stops without
    /// waiting further: grains not yet deactivated lose what they buffered, and the other silos find this one dead by
    /// probing instead of reading its goodbye. Default 75 s; at most <see cref="MaxBudget"/>.
    /// </summary>
    public TimeSpan Budget { get; set; } = TimeSpan.FromSeconds(75);

    /// <summary>
    /// The longest one grain may take to deactivate (<c>GrainCollectionOptions.DeactivationTimeout</c>, Orleans'
    /// default 30 s). Grains deactivate in parallel, so this bounds the deactivation phase; it should exceed the
    /// storage's retry budget (<c>Retry.TotalBudget</c>, 10 s) so that a flush retried through a database hiccup can
    /// still finish, and stay well below <see cref="Budget"/>. Default 20 s.
    /// </summary>
    public TimeSpan GrainDeactivationTimeout { get; set; } = TimeSpan.FromSeconds(20);
}
