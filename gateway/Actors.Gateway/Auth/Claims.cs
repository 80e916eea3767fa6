using System.Security.Claims;
using Actors.Contracts;
using Actors.Security.Callers;
using Actors.Security.Tokens;

namespace Actors.Gateway.Auth;

/// <summary>
/// What a token must say about its bearer, and the <see cref="Caller"/> built from it for every grain call: the rule
/// itself is <see cref="CallerClaims"/>, shared with the silos, which check it again on every grain call.
/// </summary>
public static class Claims
{
    /// <summary>The user id claim (JWT <c>sub</c>), school-local: a student's is their student id.</summary>
    public const string UserId = ClaimMapping.UserIdClaim;

    /// <summary>The role claim: one of <see cref="Roles"/>.</summary>
    public const string Role = ClaimMapping.RoleClaim;

    /// <summary>The school claim: the school the bearer belongs to, and the only one whose data they reach.</summary>
    public const string School = ClaimMapping.SchoolClaim;

    /// <summary>The roles a token may carry, by their names in tokens.</summary>
    public static IReadOnlyDictionary<string, CallerRole> Roles => CallerClaims.Roles;

    /// <summary>Why the principal of a signature-checked token cannot act, or null if it can (<see cref="CallerClaims.FindProblem"/>).</summary>
    public static string? FindProblem(ClaimsPrincipal principal) => CallerClaims.FindProblem(principal.Claims);

    /// <summary>A role's name in tokens (<c>school_admin</c>...).</summary>
    public static string RoleName(CallerRole role) => CallerClaims.RoleName(role);

    /// <summary>The caller an authenticated principal stands for (checked by <see cref="FindProblem"/> when its token was validated).</summary>
    public static Caller ToCaller(ClaimsPrincipal principal)
        => CallerClaims.ToCaller(principal.Claims, out var problem) ?? throw new InvalidOperationException($"An authenticated principal stands for no caller: {problem}");
}
