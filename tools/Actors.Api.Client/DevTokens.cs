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
    public static readonly IReadOnlyList<string> Roles = ["student", "teacher", "school_admin", "operator"];

    /// <summary>
    /// Why the gateway would refuse a token naming <paramref name="id"/> as its <paramref name="claim"/> (<c>sub</c>, a
    /// user id, or <c>school</c>), or null if it would not: the one id rule of the grains and the gateway (1-128 letters,
    /// digits or . _ - @ |, starting with a letter or digit; <c>GrainKeys</c> in the contracts, which this client does
    /// not reference). <see cref="Mint"/> does not check it, so that tests can make the tokens the gateway must refuse.
    /// </summary>
    public static string? FindIdProblem(string claim, string? id)
        => id is not null && IdPattern().IsMatch(id)
            ? null
            : $"'{id}' is not a {claim} the gateway accepts: 1-128 letters, digits or . _ - @ |, starting with a letter or digit.";

    /// <summary>
    /// A token for user <paramref name="userId"/> of school <paramref name="schoolId"/> in <paramref name="role"/>, valid
    /// for <paramref name="lifetime"/> (default 8 hours). It carries the claims the gateway requires: <c>school</c>,
    /// <c>sub</c> and <c>role</c>.
    /// </summary>
    public static string Mint(
        string signingKey,
        string schoolId,
        string userId,
        string role,
        string issuer = DefaultIssuer,
        string audience = DefaultAudience,
        TimeSpan? lifetime = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(signingKey);
        ArgumentException.ThrowIfNullOrEmpty(schoolId);
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentException.ThrowIfNullOrEmpty(role);

        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Subject = new ClaimsIdentity([new Claim("school", schoolId), new Claim("sub", userId), new Claim("role", role)]),
            IssuedAt = now,
            NotBefore = now,
            Expires = now + (lifetime ?? TimeSpan.FromHours(8)),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(signingKey)), SecurityAlgorithms.HmacSha256),
        });
    }

    [GeneratedRegex(@"\A[A-Za-z0-9][A-Za-z0-9._@|-]{0,127}\z", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
