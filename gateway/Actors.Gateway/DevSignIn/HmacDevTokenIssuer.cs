using System.Security.Claims;
using Actors.Gateway.Auth;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Actors.Gateway.DevSignIn;

/// <summary>Signs development tokens with the gateway's own HMAC key (<see cref="JwtSettings"/>).</summary>
internal sealed class HmacDevTokenIssuer(JwtSettings jwt, TimeProvider time) : IDevTokenIssuer
{
    /// <summary>The school claim of tenancy tokens (docs/api.md).</summary>
    private const string SchoolClaim = "school";

    public string Issue(DevIdentity identity, TimeSpan lifetime)
    {
        var claims = new List<Claim> { new(Claims.UserId, identity.UserId), new(Claims.Role, identity.Role) };
        if (identity.School is { Length: > 0 } school)
        {
            claims.Add(new Claim(SchoolClaim, school));
        }

        var now = time.GetUtcNow().UtcDateTime;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = jwt.Issuer,
            Audience = jwt.Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            SigningCredentials = new SigningCredentials(jwt.SigningKey, SecurityAlgorithms.HmacSha256),
        });
    }
}
