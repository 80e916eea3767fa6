using System.Security.Claims;
using System.Text.RegularExpressions;
using Actors.Contracts;

namespace Actors.Gateway.Auth;

/// <summary>What a token must say about its bearer, and the <see cref="Caller"/> built from it for every grain call.</summary>
public static partial class Claims
{
    /// <summary>The user id claim (JWT <c>sub</c>): a student's is their student id.</summary>
    public const string UserId = "sub";

    /// <summary>The role claim: one of <see cref="Roles"/>.</summary>
    public const string Role = "role";

    /// <summary>The roles a token may carry, by their names in tokens.</summary>
    public static readonly IReadOnlyDictionary<string, CallerRole> Roles = new Dictionary<string, CallerRole>(StringComparer.Ordinal)
    {
        ["student"] = CallerRole.Student,
        ["teacher"] = CallerRole.Teacher,
        ["admin"] = CallerRole.Admin,
    };

    /// <summary>
    /// Why the principal of a signature-checked token cannot act, or null if it can: it must name exactly one known
    /// role and a user id the grains accept (the domain's id rule), or no <see cref="Caller"/> can be built from it.
    /// </summary>
    public static string? FindProblem(ClaimsPrincipal principal)
    {
        var userIds = principal.FindAll(UserId).ToList();
        if (userIds.Count != 1 || !IdPattern().IsMatch(userIds[0].Value))
        {
            return "the token must carry one 'sub' claim: 1-128 letters, digits or . _ - @ |, starting with a letter or digit.";
        }

        var roles = principal.FindAll(Role).ToList();
        return roles.Count == 1 && Roles.ContainsKey(roles[0].Value)
            ? null
            : "the token must carry one 'role' claim: student, teacher or admin.";
    }

    /// <summary>The caller an authenticated principal stands for (checked by <see cref="FindProblem"/> when its token was validated).</summary>
    public static Caller ToCaller(ClaimsPrincipal principal)
        => new(principal.FindFirstValue(UserId)!, Roles[principal.FindFirstValue(Role)!]);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._@|-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
