namespace Actors.Security.Tokens;

/// <summary>
/// How bearer tokens are verified, by the gateway and (with the same settings) by the silos: asymmetric signatures
/// (RS256, ES256) with keys from the school's identity provider — an OpenID Connect <see cref="Authority"/> or a
/// <see cref="JwksUrl"/>, fetched, cached and refreshed when a token names an unknown key — or from
/// <see cref="PublicKeyPaths"/> (offline use, tests, local runs). Configuration section <see cref="SectionName"/>
/// (environment: <c>Jwt__Authority</c>, ...).
/// </summary>
public sealed class TokenOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Jwt";

    /// <summary>The <c>iss</c> tokens must carry (for an authority, the issuer its discovery document names). Required.</summary>
    public string? Issuer { get; set; }

    /// <summary>The <c>aud</c> tokens must carry: this API's identifier at the identity provider. Required.</summary>
    public string? Audience { get; set; }

    /// <summary>
    /// OpenID Connect authority: keys come from <c>{Authority}/.well-known/openid-configuration</c>'s <c>jwks_uri</c>,
    /// e.g. <c>https://accounts.google.com</c>, <c>https://login.microsoftonline.com/{tenant}/v2.0</c>,
    /// <c>https://clever.com</c>. Default none.
    /// </summary>
    public string? Authority { get; set; }

    /// <summary>A JWKS document's URL, for providers (or brokers) without discovery. Default none.</summary>
    public string? JwksUrl { get; set; }

    /// <summary>PEM public keys (RSA or EC P-256) that sign tokens, for offline use and local runs. Default none.</summary>
    public List<string> PublicKeyPaths { get; set; } = [];

    /// <summary>Fetch keys over plain HTTP too (a local test endpoint). Default false: an authority or JWKS URL must be HTTPS.</summary>
    public bool AllowHttpKeySource { get; set; }

    /// <summary>
    /// Least time between two key refreshes asked for by tokens naming an unknown key. Default 1 minute: rotation at the
    /// provider is picked up within it, and a flood of forged key ids cannot make the process hammer the provider.
    /// </summary>
    public TimeSpan KeyRefreshInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often keys are refreshed anyway. Default 6 hours.</summary>
    public TimeSpan KeyAutomaticRefreshInterval { get; set; } = TimeSpan.FromHours(6);

    /// <summary>
    /// Longest lifetime accepted (expiry minus issue time, and expiry minus now): a token minted to live longer is
    /// refused even if its signature is good. Default 12 hours (a school day).
    /// </summary>
    public TimeSpan MaxLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>How far clocks may disagree. Default 30 s.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Development only: also accept HMAC-SHA256 tokens signed with <see cref="SigningKey"/>. Default false; a process
    /// outside the Development environment refuses to start with it on (anyone who can verify such a token can mint one).
    /// </summary>
    public bool AllowHmac { get; set; }

    /// <summary>The HMAC secret (at least 32 bytes) when <see cref="AllowHmac"/> is on. Default none.</summary>
    public string? SigningKey { get; set; }

    /// <summary>How the provider's claims become the caller's school, user id and role.</summary>
    public ClaimMappingOptions Claims { get; set; } = new();

    /// <summary>True when keys come from an authority or a JWKS URL (fetched and refreshed).</summary>
    public bool HasKeySource => !string.IsNullOrWhiteSpace(Authority) || !string.IsNullOrWhiteSpace(JwksUrl);
}
