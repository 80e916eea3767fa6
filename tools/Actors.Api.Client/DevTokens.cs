using System.Security.Claims;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Actors.Api.Client;

/// <summary>
/// Mints bearer tokens the gateway accepts, signed with its HMAC-SHA256 key (<c>Jwt:SigningKey</c>): for local runs
/// and tests only. A real deployment gets its tokens from the school's identity provider.
/// </summary>
public static partial class DevTokens
{
    /// <summary>The gateway's default <c>Jwt:Issuer</c> (appsettings.json).</summary>
    public const string DefaultIssuer = "actors-dev";

    /// <summary>The gateway's default <c>Jwt:Audience</c> (appsettings.json).</summary>
    public const string DefaultAudience = "actors-api";

    /// <summary>The roles the gateway knows.</summary>
    public static readonly IReadOnlyList<string> Roles = ["student", "teacher", "admin"];

    /// <summary>
    /// Why the gateway would refuse a token for <paramref name="userId"/>, or null if it would not: the id rule of the
    /// grains and the gateway (1-128 letters, digits or . _ - @ |, starting with a letter or digit). <see cref="Mint"/>
    /// does not check it, so that tests can make the tokens the gateway must refuse.
    /// </summary>
    public static string? FindUserIdProblem(string? userId)
        => userId is not null && UserIdPattern().IsMatch(userId)
            ? null
            : $"'{userId}' is not a user id the gateway accepts: 1-128 letters, digits or . _ - @ |, starting with a letter or digit.";

    /// <summary>A token for <paramref name="userId"/> in <paramref name="role"/>, valid for <paramref name="lifetime"/> (default 8 hours).</summary>
    public static string Mint(
        string signingKey,
        string userId,
        string role,
        string issuer = DefaultIssuer,
        string audience = DefaultAudience,
        TimeSpan? lifetime = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(signingKey);
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentException.ThrowIfNullOrEmpty(role);

        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Subject = new ClaimsIdentity([new Claim("sub", userId), new Claim("role", role)]),
            IssuedAt = now,
            NotBefore = now,
            Expires = now + (lifetime ?? TimeSpan.FromHours(8)),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(signingKey)), SecurityAlgorithms.HmacSha256),
        });
    }

    [GeneratedRegex(@"\A[A-Za-z0-9][A-Za-z0-9._@|-]{0,127}\z", RegexOptions.CultureInvariant)]
    private static partial Regex UserIdPattern();
}
