using System.Security.Claims;
using System.Security.Cryptography;
using Actors.Security.Tokens;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Actors.Security.Development;

/// <summary>
/// A development key pair that mints bearer tokens the way an identity provider would (ES256, with a key id): for
/// local runs (scripts/run-local.sh makes one per run; the gateway trusts its public half through
/// <c>Jwt:PublicKeyPaths</c>), the CLI's <c>actors token</c>, a development sign-in page and tests. Never for a deployment.
/// </summary>
public sealed class DevSigningKey : IDisposable
{
    /// <summary>Default issuer of development tokens (the gateway's <c>Jwt:Issuer</c> in appsettings.json).</summary>
    public const string DefaultIssuer = "actors-dev";

    /// <summary>Default audience of development tokens (the gateway's <c>Jwt:Audience</c>).</summary>
    public const string DefaultAudience = "actors-api";

    /// <summary>File names <see cref="Write"/> uses.</summary>
    public const string PrivateKeyFile = "dev-signing-key.pem";

    /// <summary>The public half's file name.</summary>
    public const string PublicKeyFile = "dev-signing-key.pub.pem";

    private readonly JsonWebTokenHandler _handler = new();
    private readonly SigningCredentials _credentials;

    private DevSigningKey(AsymmetricSecurityKey key)
    {
        Key = key;
        // Not the shared signature-provider cache: it is keyed by key id, so a provider made for an earlier instance of
        // the same key (loaded, used and disposed, as the CLI does per token) would be handed back after its ECDsa or
        // RSA object was disposed.
        _credentials = new SigningCredentials(key, SigningKeys.AlgorithmOf(key))
        {
            CryptoProviderFactory = new CryptoProviderFactory { CacheSignatureProviders = false },
        };
    }

    /// <summary>The private key (its <c>KeyId</c> is what tokens name).</summary>
    public AsymmetricSecurityKey Key { get; }

    /// <summary>A fresh EC P-256 key pair.</summary>
    public static DevSigningKey Create() => new(SigningKeys.FromPem(ECDsa.Create(ECCurve.NamedCurves.nistP256).ExportPkcs8PrivateKeyPem()));

    /// <summary>The private key in the PEM file at <paramref name="path"/> (RSA or EC).</summary>
    public static DevSigningKey Load(string path) => new(SigningKeys.FromPem(File.ReadAllText(path), path));

    /// <summary>The private key in <paramref name="pem"/> (RSA or EC).</summary>
    public static DevSigningKey FromPem(string pem) => new(SigningKeys.FromPem(pem));

    /// <summary>The public half as PEM (what <c>Jwt:PublicKeyPaths</c> points to).</summary>
    public string PublicKeyPem => Key switch
    {
        ECDsaSecurityKey ec => ec.ECDsa.ExportSubjectPublicKeyInfoPem(),
        RsaSecurityKey rsa => rsa.Rsa.ExportSubjectPublicKeyInfoPem(),
        _ => throw new NotSupportedException(Key.GetType().Name),
    };

    /// <summary>Writes the private key (owner-only) and the public key to <paramref name="directory"/>; returns the two paths.</summary>
    public (string PrivateKeyPath, string PublicKeyPath) Write(string directory)
    {
        Directory.CreateDirectory(directory);
        var privatePath = Path.Combine(directory, PrivateKeyFile);
        var publicPath = Path.Combine(directory, PublicKeyFile);
        var privatePem = Key switch
        {
            ECDsaSecurityKey ec => ec.ECDsa.ExportPkcs8PrivateKeyPem(),
            RsaSecurityKey rsa => rsa.Rsa.ExportPkcs8PrivateKeyPem(),
            _ => throw new NotSupportedException(Key.GetType().Name),
        };
        File.WriteAllText(privatePath, privatePem);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(privatePath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.WriteAllText(publicPath, PublicKeyPem);
        return (privatePath, publicPath);
    }

    /// <summary>
    /// A token for user <paramref name="userId"/> of school <paramref name="schoolId"/> in <paramref name="role"/>,
    /// valid for <paramref name="lifetime"/> (default 8 hours), issued now: the <c>school</c>, <c>sub</c> and <c>role</c>
    /// claims the gateway and the silos require.
    /// </summary>
    public string Mint(
        string schoolId, string userId, string role, TimeSpan? lifetime = null, string issuer = DefaultIssuer, string audience = DefaultAudience,
        IEnumerable<Claim>? extraClaims = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(schoolId);
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentException.ThrowIfNullOrEmpty(role);
        var claims = new List<Claim> { new(ClaimMapping.SchoolClaim, schoolId), new(ClaimMapping.UserIdClaim, userId), new(ClaimMapping.RoleClaim, role) };
        claims.AddRange(extraClaims ?? []);
        var now = DateTime.UtcNow;
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now,
            NotBefore = now,
            Expires = now + (lifetime ?? TimeSpan.FromHours(8)),
            SigningCredentials = _credentials,
        });
    }

    /// <summary>Signs <paramref name="descriptor"/> as is (tests that need unusual tokens).</summary>
    public string Sign(SecurityTokenDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        descriptor.SigningCredentials = _credentials;
        return _handler.CreateToken(descriptor);
    }

    public void Dispose()
    {
        switch (Key)
        {
            case ECDsaSecurityKey ec:
                ec.ECDsa.Dispose();
                break;
            case RsaSecurityKey rsa:
                rsa.Rsa?.Dispose();
                break;
        }
    }
}
