using Actors.Security.Tokens;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Actors.Security.Callers;

/// <summary>
/// Decides what a grain call's token (<see cref="Contracts.CallerToken"/>) stands for: a silo's service token
/// (<see cref="ServiceTokens"/>) or a user's token from the identity provider, checked by the same
/// <see cref="TokenVerifier"/> and claim rule (<see cref="CallerClaims"/>) as the gateway's. Results are remembered
/// per token (<see cref="VerifiedTokenCache"/>).
/// </summary>
public sealed class CallerTokenVerifier
{
    private readonly TokenVerifier _users;
    private readonly ServiceTokens _services;
    private readonly VerifiedTokenCache _cache;

    public CallerTokenVerifier(TokenVerifier users, ServiceTokens services, CallerVerificationOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _users = users;
        _services = services;
        _cache = new VerifiedTokenCache(VerifyUncachedAsync, options.VerifiedTokenCacheSize, time);
    }

    /// <summary>What <paramref name="token"/> stands for, or null if it is not a token the silos accept.</summary>
    public ValueTask<VerifiedToken?> VerifyAsync(string token) => _cache.GetOrVerifyAsync(token);

    private async Task<VerifiedToken?> VerifyUncachedAsync(string token)
    {
        JsonWebToken claimed;
        try
        {
            claimed = new JsonWebToken(token);
        }
        catch (Exception e) when (e is ArgumentException or SecurityTokenException)
        {
            // Not even a JWT.
            return null;
        }

        // The issuer only picks the check: each check verifies the signature with its own keys.
        if (ServiceTokens.ClaimsToBeServiceToken(claimed))
        {
            return await _services.VerifyAsync(token).ConfigureAwait(false);
        }

        var verification = await _users.VerifyAsync(token).ConfigureAwait(false);
        if (!verification.IsValid)
        {
            return null;
        }

        var caller = CallerClaims.ToCaller(verification.Identity!.Claims, out _);
        // Remembered exactly as long as the verifier itself accepts the token: its expiry plus the clock skew.
        return caller is null ? null : new VerifiedToken(caller, null, verification.Expires);
    }
}
