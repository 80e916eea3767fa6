using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Actors.Security.Tokens;

/// <summary>
/// Checks <see cref="TokenOptions"/> at start-up; every failure names its key. HMAC tokens are refused outside the
/// Development environment: whoever holds an HMAC key to verify tokens can also mint them.
/// </summary>
public sealed class TokenOptionsValidator(IHostEnvironment environment) : IValidateOptions<TokenOptions>
{
    /// <summary>Fewest bytes of an HMAC key: at least the 256 bits of HMAC-SHA256's output.</summary>
    public const int MinHmacKeyBytes = 32;

    private const string Section = TokenOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, TokenOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Issuer) || string.IsNullOrWhiteSpace(options.Audience))
        {
            failures.Add($"{Section}:Issuer and {Section}:Audience are required: the issuer and audience the identity provider puts in tokens for this API.");
        }

        if (!string.IsNullOrWhiteSpace(options.Authority) && !string.IsNullOrWhiteSpace(options.JwksUrl))
        {
            failures.Add($"Set {Section}:Authority or {Section}:JwksUrl, not both.");
        }

        foreach (var (key, url) in new[] { ("Authority", options.Authority), ("JwksUrl", options.JwksUrl) })
        {
            if (!string.IsNullOrWhiteSpace(url)
                && (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || !(uri.Scheme == Uri.UriSchemeHttps || (options.AllowHttpKeySource && uri.Scheme == Uri.UriSchemeHttp))))
            {
                failures.Add($"{Section}:{key} must be an https URL, not '{url}'.");
            }
        }

        foreach (var path in options.PublicKeyPaths)
        {
            try
            {
                SigningKeys.LoadPublicKey(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
            {
                failures.Add($"{Section}:PublicKeyPaths: '{path}': {e.Message}");
            }
        }

        if (options.AllowHmac)
        {
            if (!environment.IsDevelopment())
            {
                failures.Add($"{Section}:AllowHmac is a development switch and the environment is '{environment.EnvironmentName}': "
                    + $"verify tokens from the identity provider ({Section}:Authority, {Section}:JwksUrl or {Section}:PublicKeyPaths) instead.");
            }

            if (Encoding.UTF8.GetByteCount(options.SigningKey ?? "") < MinHmacKeyBytes)
            {
                failures.Add($"{Section}:SigningKey must be at least {MinHmacKeyBytes} bytes (256 bits) when {Section}:AllowHmac is on.");
            }
        }
        else if (!string.IsNullOrEmpty(options.SigningKey))
        {
            failures.Add($"{Section}:SigningKey is set but HMAC tokens are off ({Section}:AllowHmac, development only): remove it.");
        }

        if (!options.HasKeySource && options.PublicKeyPaths.Count == 0 && !options.AllowHmac)
        {
            failures.Add($"No key to verify tokens with: set {Section}:Authority (the school's OpenID Connect provider), {Section}:JwksUrl or {Section}:PublicKeyPaths.");
        }

        if (options.MaxLifetime <= TimeSpan.Zero || options.ClockSkew < TimeSpan.Zero || options.KeyRefreshInterval < TimeSpan.FromSeconds(1))
        {
            failures.Add($"{Section}:MaxLifetime must be positive, {Section}:ClockSkew not negative, {Section}:KeyRefreshInterval at least 1 s.");
        }

        var claims = options.Claims;
        if (new[] { claims.UserId, claims.Role, claims.School }.Any(string.IsNullOrWhiteSpace))
        {
            failures.Add($"{Section}:Claims:UserId, Role and School must name claims.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
