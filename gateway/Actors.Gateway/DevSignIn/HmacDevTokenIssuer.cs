using System.Security.Claims;
using Actors.Gateway.Auth;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Actors.Gateway.DevSignIn;

/// <summary>Signs development tokens with the gateway's own HMAC key (<see cref="JwtSettings"/>).</summary>
internal sealed class HmacDevTokenIssuer(JwtSettings jwt, TimeProvider time) : IDevTokenIssuer
{
    public string Issue(DevIdentity identity, TimeSpan lifetime)
    {
        var claims = new List<Claim> { new(Claims.School, identity.School ?? ""), new(Claims.UserId, identity.UserId), new(Claims.Role, identity.Role) };
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
