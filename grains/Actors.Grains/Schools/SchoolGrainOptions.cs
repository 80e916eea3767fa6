namespace Actors.Grains.Schools;

/// <summary>How a school grain carries out rostering. Configure with <c>services.Configure&lt;SchoolGrainOptions&gt;</c>.</summary>
public sealed class SchoolGrainOptions
{
    /// <summary>How often a school with unconfirmed students retries telling them in the background after a failure. Default 30 s.</summary>
    public TimeSpan ReconcileRetryInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Most student grains a school calls at once (a bulk import must not open thousands of database connections). Default 32.</summary>
    public int MaxParallelCalls { get; set; } = 32;
}
