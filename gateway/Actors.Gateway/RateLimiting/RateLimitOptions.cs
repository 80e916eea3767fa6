namespace Actors.Gateway.RateLimiting;

/// <summary>
/// Per-user rate limit of API calls (<c>Gateway:RateLimit</c>): a token bucket per user id. A classroom client makes
/// a few calls a second per user; the defaults leave room for bursts (opening a document, a class list) while a
/// runaway client is stopped long before it loads the cluster. A watch stream counts as one call when it opens.
/// </summary>
public sealed class RateLimitOptions
{
    /// <summary>Calls a user may make per second, sustained. Default 50.</summary>
    public int PermitsPerSecond { get; set; } = 50;

    /// <summary>Calls a user may make at once after being idle. Default 100.</summary>
    public int Burst { get; set; } = 100;
}
