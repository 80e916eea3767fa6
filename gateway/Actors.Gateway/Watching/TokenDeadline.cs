namespace Actors.Gateway.Watching;

/// <summary>
/// The moment a watch's bearer token expires (<see cref="Auth.BearerExpiry"/>), both as a cancellation — so a watch
/// waiting for the next event ends on time — and as a check before each write, since a timer may fire a little late:
/// nothing is sent once the token has expired.
/// </summary>
internal sealed class TokenDeadline : IDisposable
{
    private readonly CancellationTokenSource _expired;
    private readonly DateTimeOffset _at;
    private readonly TimeProvider _time;

    public TokenDeadline(DateTimeOffset at, TimeProvider time)
    {
        _at = at;
        _time = time;
        var left = at - time.GetUtcNow();
        _expired = new CancellationTokenSource(left > TimeSpan.Zero ? left : TimeSpan.Zero, time);
    }

    /// <summary>Cancelled when the token expires.</summary>
    public CancellationToken Token => _expired.Token;

    /// <summary>True once the token has expired, whether or not the timer has fired yet.</summary>
    public bool HasPassed => _expired.IsCancellationRequested || _time.GetUtcNow() >= _at;

    public void Dispose() => _expired.Dispose();
}
