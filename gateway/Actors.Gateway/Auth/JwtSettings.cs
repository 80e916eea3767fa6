using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace Actors.Gateway.Auth;

/// <summary>How bearer tokens are checked: <c>Jwt:Issuer</c>, <c>Jwt:Audience</c> and the HMAC-SHA256 <c>Jwt:SigningKey</c>.</summary>
public sealed record JwtSettings(string Issuer, string Audience, SymmetricSecurityKey SigningKey)
{
    /// <summary>
    /// Fewest bytes of signing key: HMAC-SHA256 wants a key at least as long as its 256-bit output, and a shorter one
    /// is guessable. Checked at start-up so that a weak key fails the process, not the first request.
    /// </summary>
    public const int MinKeyBytes = 32;

    /// <summary>Reads and checks the settings.</summary>
    /// <exception cref="InvalidOperationException">A value is missing, or the key is too short.</exception>
    public static JwtSettings FromConfiguration(IConfiguration configuration)
    {
        var issuer = Required(configuration, "Jwt:Issuer");
        var audience = Required(configuration, "Jwt:Audience");
        var key = configuration["Jwt:SigningKey"];
        if (string.IsNullOrEmpty(key))
        {
            throw new InvalidOperationException(
                "The gateway needs a token signing key: set Jwt:SigningKey (environment variable Jwt__SigningKey) to a secret of at least "
                + $"{MinKeyBytes} bytes. scripts/run-local.sh makes one per run; `actors token` mints development tokens with it.");
        }

        var bytes = Encoding.UTF8.GetBytes(key);
        if (bytes.Length < MinKeyBytes)
        {
            throw new InvalidOperationException($"Jwt:SigningKey is {bytes.Length} bytes long; it must be at least {MinKeyBytes} bytes (256 bits) for HMAC-SHA256.");
        }

        return new JwtSettings(issuer, audience, new SymmetricSecurityKey(bytes));
    }

    private static string Required(IConfiguration configuration, string key)
        => configuration[key] is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"The gateway needs {key} (environment variable {key.Replace(":", "__", StringComparison.Ordinal)}) to check bearer tokens.");
}
