using System.Security.Claims;
using Actors.Contracts;
using Actors.Security.Tokens;

namespace Actors.Security.Callers;

/// <summary>
/// The one rule for what a verified token's canonical claims (<see cref="ClaimMapping"/>) must say before a
/// <see cref="Caller"/> can be built from them, and the building: used by the gateway for the bearer and by the silos
/// for every grain call.
/// </summary>
public static class CallerClaims
{
    /// <summary>The roles a token may carry, by their names in tokens.</summary>
    public static readonly IReadOnlyDictionary<string, CallerRole> Roles = new Dictionary<string, CallerRole>(StringComparer.Ordinal)
    {
        ["student"] = CallerRole.Student,
        ["teacher"] = CallerRole.Teacher,
        ["school_admin"] = CallerRole.SchoolAdmin,
        ["operator"] = CallerRole.Operator,
    };

    /// <summary>A role's name in tokens (<c>school_admin</c>...).</summary>
    public static string RoleName(CallerRole role) => role switch
    {
        CallerRole.Student => "student",
        CallerRole.Teacher => "teacher",
        CallerRole.SchoolAdmin => "school_admin",
        CallerRole.Operator => "operator",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "not a role of tokens."),
    };

    /// <summary>
    /// Why <paramref name="claims"/> stand for no caller, or null: exactly one school and one user id, each following
    /// the id rule (<see cref="GrainKeys.IsValidId"/>), and exactly one known role.
    /// </summary>
    public static string? FindProblem(IEnumerable<Claim> claims)
    {
        var all = claims as IReadOnlyCollection<Claim> ?? [.. claims];
        if (!HasOneValidId(all, ClaimMapping.SchoolClaim))
        {
            return $"the token must carry one 'school' claim: {GrainKeys.IdRule}.";
        }

        if (!HasOneValidId(all, ClaimMapping.UserIdClaim))
        {
            return $"the token must carry one 'sub' claim: {GrainKeys.IdRule}.";
        }

        var roles = all.Where(c => c.Type == ClaimMapping.RoleClaim).ToList();
        return roles.Count == 1 && Roles.ContainsKey(roles[0].Value)
            ? null
            : $"the token must carry one 'role' claim: {string.Join(", ", Roles.Keys)}.";
    }

    /// <summary>The caller <paramref name="claims"/> stand for, or null with <paramref name="problem"/> saying why there is none.</summary>
    public static Caller? ToCaller(IEnumerable<Claim> claims, out string? problem)
    {
        var all = claims as IReadOnlyCollection<Claim> ?? [.. claims];
        problem = FindProblem(all);
        return problem is null
            ? new Caller(Single(all, ClaimMapping.SchoolClaim), Single(all, ClaimMapping.UserIdClaim), Roles[Single(all, ClaimMapping.RoleClaim)])
            : null;
    }

    /// <summary>The canonical claims of <paramref name="caller"/> (what <see cref="ToCaller"/> reads back).</summary>
    public static IEnumerable<Claim> Of(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        yield return new Claim(ClaimMapping.SchoolClaim, caller.SchoolId);
        yield return new Claim(ClaimMapping.UserIdClaim, caller.UserId);
        yield return new Claim(ClaimMapping.RoleClaim, RoleName(caller.Role));
    }

    private static string Single(IEnumerable<Claim> claims, string type) => claims.First(c => c.Type == type).Value;

    private static bool HasOneValidId(IEnumerable<Claim> claims, string type)
    {
        var values = claims.Where(c => c.Type == type).Take(2).ToList();
        return values.Count == 1 && GrainKeys.IsValidId(values[0].Value);
    }
}
