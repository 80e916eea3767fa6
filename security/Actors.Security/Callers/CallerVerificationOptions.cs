namespace Actors.Security.Callers;

/// <summary>
/// How a silo checks the caller of every grain call (configuration section <see cref="SectionName"/>; user tokens are
/// verified with the <c>Jwt</c> settings the gateway uses, <see cref="Tokens.TokenOptions"/>). The service key signs
/// the service tokens that vouch for calls grains make: every silo of the cluster holds the same key and nothing
/// else does (deploy/: a Kubernetes secret mounted into silo pods only).
/// </summary>
public sealed class CallerVerificationOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "CallerVerification";

    /// <summary>Fewest bytes of the service key: the 256 bits of HMAC-SHA256's output.</summary>
    public const int MinServiceKeyBytes = 32;

    /// <summary>
    /// A file holding the service key (at least <see cref="MinServiceKeyBytes"/> bytes; surrounding whitespace ignored),
    /// e.g. a mounted secret. Set this or <see cref="ServiceKey"/>. Default none.
    /// </summary>
    public string? ServiceKeyPath { get; set; }

    /// <summary>The service key itself (local runs, tests, an environment variable from a secret). Set this or <see cref="ServiceKeyPath"/>. Default none.</summary>
    public string? ServiceKey { get; set; }

    /// <summary>
    /// How long a service token is valid. Default 5 minutes: long enough that a silo signs once per caller and target
    /// for many calls, short enough that one copied off the wire is soon worthless.
    /// </summary>
    public TimeSpan ServiceTokenLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Most verified tokens a silo remembers (by hash, each until its expiry), so that a user's next call costs a hash
    /// and a lookup instead of a signature check. Default 50,000 (a few MiB).
    /// </summary>
    public int VerifiedTokenCacheSize { get; set; } = 50_000;

    /// <summary>The service key's bytes, read from <see cref="ServiceKey"/> or the file at <see cref="ServiceKeyPath"/>.</summary>
    public byte[] ReadServiceKey()
        => System.Text.Encoding.UTF8.GetBytes((string.IsNullOrEmpty(ServiceKey) ? File.ReadAllText(ServiceKeyPath!) : ServiceKey).Trim());
}
