using System.Security.Claims;

namespace Actors.Security.Tokens;

/// <summary>
/// Turns a verified token's claims, named the provider's way, into the canonical ones the gateway and the silos read:
/// <see cref="UserIdClaim"/>, <see cref="RoleClaim"/> and <see cref="SchoolClaim"/> (see <see cref="ClaimMappingOptions"/>).
/// Whether the values are acceptable (id rule, known role) is the reader's to check.
/// </summary>
public sealed class ClaimMapping(ClaimMappingOptions options)
{
    /// <summary>Canonical user id claim.</summary>
    public const string UserIdClaim = "sub";

    /// <summary>Canonical role claim.</summary>
    public const string RoleClaim = "role";

    /// <summary>Canonical school claim.</summary>
    public const string SchoolClaim = "school";

    /// <summary>Authentication type of the identities made here.</summary>
    public const string AuthenticationType = "Bearer";

    /// <summary>The canonical identity of <paramref name="claims"/>, or why there is none.</summary>
    public (ClaimsIdentity? Identity, string? Problem) Map(IEnumerable<Claim> claims)
    {
        var all = claims.ToList();
        var userIds = all.Where(c => c.Type == options.UserId).Select(c => c.Value).Distinct(StringComparer.Ordinal).ToList();
        if (userIds.Count != 1)
        {
            return (null, $"the token must carry one '{options.UserId}' claim (the user id).");
        }

        var roles = all.Where(c => c.Type == options.Role)
            .Select(c => options.RoleValues.Count == 0 ? c.Value : options.RoleValues.GetValueOrDefault(c.Value))
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (roles.Count != 1)
        {
            return (null, $"the token must carry exactly one known role in '{options.Role}'.");
        }

        var identity = new ClaimsIdentity([new Claim(UserIdClaim, userIds[0]), new Claim(RoleClaim, roles[0])], AuthenticationType, UserIdClaim, RoleClaim);
        var schools = all.Where(c => c.Type == options.School).Select(c => c.Value).Distinct(StringComparer.Ordinal).ToList();
        switch (schools.Count)
        {
            case 0 when options.DefaultSchool is { Length: > 0 } school:
                identity.AddClaim(new Claim(SchoolClaim, school));
                break;
            case 0:
                break;
            case 1 when options.SchoolValues.Count == 0:
                identity.AddClaim(new Claim(SchoolClaim, schools[0]));
                break;
            case 1 when options.SchoolValues.TryGetValue(schools[0], out var mapped):
                identity.AddClaim(new Claim(SchoolClaim, mapped));
                break;
            default:
                return (null, $"the token's '{options.School}' claim names no school of this deployment.");
        }

        return (identity, null);
    }
}
