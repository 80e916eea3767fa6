using Actors.Security.Tokens;
using Microsoft.IdentityModel.Tokens;

namespace Actors.Gateway.Auth;

/// <summary>
/// Puts <see cref="TokenVerifier"/> (shared with the silos) in JWT bearer authentication's place: the handler's own
/// validation parameters are ignored, the identity is the verifier's canonical one (user, role, school).
/// </summary>
internal sealed class VerifierTokenHandler(TokenVerifier verifier) : TokenHandler
{
    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        var verification = await verifier.VerifyAsync(token);
        return verification.IsValid
            ? new TokenValidationResult { IsValid = true, ClaimsIdentity = verification.Identity, SecurityToken = verification.Token }
            : new TokenValidationResult { IsValid = false, Exception = verification.Failure };
    }
}
