using System.Security.Claims;
using Actors.Contracts;

namespace Actors.Gateway.Auth;

/// <summary>What a token must say about its bearer, and the <see cref="Caller"/> built from it for every grain call.</summary>
public static class Claims
{
    /// <summary>The user id claim (JWT <c>sub</c>), school-local: a student's is their student id.</summary>
    public const string UserId = "sub";

    /// <summary>The role claim: one of <see cref="Roles"/>.</summary>
    public const string Role = "role";

    /// <summary>The school claim: the school the bearer belongs to, and the only one whose data they reach.</summary>
    public const string School = "school";

    /// <summary>The roles a token may carry, by their names in tokens.</summary>
    public static readonly IReadOnlyDictionary<string, CallerRole> Roles = new Dictionary<string, CallerRole>(StringComparer.Ordinal)
    {
        ["student"] = CallerRole.Student,
        ["teacher"] = CallerRole.Teacher,
        ["school_admin"] = CallerRole.SchoolAdmin,
        ["operator"] = CallerRole.Operator,
    };

    /// <summary>
    /// Why the principal of a signature-checked token cannot act, or null if it can: it must name exactly one
    /// school and one user id, each following the id rule (<see cref="GrainKeys.IsValidId"/>), and exactly one
    /// known role, or no <see cref="Caller"/> can be built from it.
    /// </summary>
    public static string? FindProblem(ClaimsPrincipal principal)
    {
        if (!HasOneValidId(principal, School))
        {
            return $"the token must carry one 'school' claim: {GrainKeys.IdRule}.";
        }

        if (!HasOneValidId(principal, UserId))
        {
            return $"the token must carry one 'sub' claim: {GrainKeys.IdRule}.";
        }

        var roles = principal.FindAll(Role).ToList();
        return roles.Count == 1 && Roles.ContainsKey(roles[0].Value)
            ? null
            : $"the token must carry one 'role' claim: {string.Join(", ", Roles.Keys)}.";
    }

    /// <summary>A role's name in tokens (<c>school_admin</c>...).</summary>
    public static string RoleName(CallerRole role) => Roles.First(r => r.Value == role).Key;

    /// <summary>The caller an authenticated principal stands for (checked by <see cref="FindProblem"/> when its token was validated).</summary>
    public static Caller ToCaller(ClaimsPrincipal principal)
        => new(principal.FindFirstValue(School)!, principal.FindFirstValue(UserId)!, Roles[principal.FindFirstValue(Role)!]);

    private static bool HasOneValidId(ClaimsPrincipal principal, string claim)
    {
        var values = principal.FindAll(claim).ToList();
        return values.Count == 1 && GrainKeys.IsValidId(values[0].Value);
    }
}
