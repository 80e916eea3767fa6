using Actors.Contracts;

namespace Actors.Security.Callers;

/// <summary>
/// What a verified token stands for: a user's token the <see cref="Caller"/> it names; a service token the caller a
/// grain passed (or none) and the one grain it may be used for (<see cref="ServiceGrain"/>).
/// </summary>
/// <param name="Caller">The caller the token vouches for; null for a service token that vouches for no caller.</param>
/// <param name="ServiceGrain">For a service token, the grain it was minted for; null for a user's token.</param>
/// <param name="Expires">When the token stops being valid: nothing may remember it longer.</param>
public sealed record VerifiedToken(Caller? Caller, string? ServiceGrain, DateTimeOffset Expires)
{
    /// <summary>True for a silo's service token.</summary>
    public bool IsService => ServiceGrain is not null;
}
