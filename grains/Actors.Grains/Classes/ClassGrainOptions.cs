namespace Actors.Grains.Classes;

/// <summary>How a class grain carries out enrollments and assignments. Configure with <c>services.Configure&lt;ClassGrainOptions&gt;</c>.</summary>
public sealed class ClassGrainOptions
{
    /// <summary>
    /// How often a class with unfinished work (a student joining or leaving, a copy not yet made) retries it in
    /// the background after a failure. On activation it retries at once. Default 30 s.
    /// </summary>
    public TimeSpan ReconcileRetryInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Most calls to students or documents a class makes at once (a class of 500 should not open 500 database connections). Default 32.</summary>
    public int MaxParallelCalls { get; set; } = 32;
}
