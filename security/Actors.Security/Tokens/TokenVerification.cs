using System.Security.Claims;

namespace Actors.Security.Tokens;

/// <summary>The outcome of <see cref="TokenVerifier.VerifyAsync"/>: the canonical identity and expiry, or why the token was refused.</summary>
public sealed record TokenVerification
{
    /// <summary>The caller's canonical claims (<see cref="ClaimMapping"/>), when valid.</summary>
    public ClaimsIdentity? Identity { get; init; }

    /// <summary>The verified token, when valid.</summary>
    public Microsoft.IdentityModel.JsonWebTokens.JsonWebToken? Token { get; init; }

    /// <summary>When the token stops being valid (clock skew included), when valid.</summary>
    public DateTimeOffset Expires { get; init; }

    /// <summary>Why the token was refused (never shown to clients beyond a fixed text), when invalid.</summary>
    public Exception? Failure { get; init; }

    public bool IsValid => Identity is not null;
}
