namespace Actors.Security.Tokens;

/// <summary>
/// Which claims of the provider's tokens name the user, their role and their school, and how the provider's values
/// translate into ours (section <c>Jwt:Claims</c>). Providers differ: Entra ID has <c>oid</c> and app <c>roles</c>,
/// Google Workspace the hosted domain <c>hd</c>, Clever <c>user_type</c> and <c>district</c> (docs/api.md has
/// examples). Defaults fit tokens minted by <c>actors token</c>.
/// </summary>
public sealed class ClaimMappingOptions
{
    /// <summary>Claim holding the user id. Default <c>sub</c>.</summary>
    public string UserId { get; set; } = "sub";

    /// <summary>Claim holding the role (a string or an array of strings). Default <c>role</c>.</summary>
    public string Role { get; set; } = "role";

    /// <summary>Claim holding the school. Default <c>school</c>.</summary>
    public string School { get; set; } = "school";

    /// <summary>
    /// Provider role values → our role names (<c>Jwt:Claims:RoleValues:Teacher=teacher</c>). Matched ignoring case.
    /// Empty (the default): the claim must already hold one of our role names.
    /// </summary>
    public Dictionary<string, string> RoleValues { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Provider school values → our school ids (e.g. an Entra tenant id or a Google domain → the school's id). Matched
    /// ignoring case. Empty (the default): the claim's value is the school id.
    /// </summary>
    public Dictionary<string, string> SchoolValues { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The school every caller belongs to when the provider names none (a deployment for one school), or null.
    /// Ignored when the token carries the <see cref="School"/> claim. Default none.
    /// </summary>
    public string? DefaultSchool { get; set; }
}
