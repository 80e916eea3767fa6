namespace Actors.Gateway.Resilience;

/// <summary>
/// How idempotent grain calls are retried when a silo goes away (<c>Gateway:Retry</c>). The defaults ride out a
/// silo's death being detected (a few seconds with the default membership settings, see docs/clustering.md);
/// a call's own deadline cuts the retries short.
/// </summary>
public sealed class GrainRetryOptions
{
    /// <summary>Retries after the first attempt. Default 6.</summary>
    public int MaxRetries { get; set; } = 6;

    /// <summary>Delay before the first retry; doubled for each next one, with jitter. Default 200 ms.</summary>
    public TimeSpan FirstDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Longest delay between two attempts. Default 3 s.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(3);
}
