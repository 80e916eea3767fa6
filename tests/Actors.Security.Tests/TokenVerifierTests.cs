using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Actors.Security.Development;
using Actors.Security.Tokens;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Actors.Security.Tests;

/// <summary>
/// <see cref="TokenVerifier"/> against a local identity provider (discovery and JWKS over HTTP on loopback) and static
/// key files: what it accepts, everything it must refuse, key rotation without a restart, and claim mapping.
/// </summary>
public sealed class TokenVerifierTests : IAsyncLifetime, IDisposable
{
    private const string Audience = "actors-api";
    private readonly DevSigningKey _rsa = DevSigningKey.FromPem(RSA.Create(2048).ExportPkcs8PrivateKeyPem());
    private readonly DevSigningKey _ec = DevSigningKey.Create();
    private readonly DevSigningKey _stranger = DevSigningKey.Create();
    private readonly string _directory = Directory.CreateTempSubdirectory("actors-tokens-").FullName;
    private FakeIdentityProvider _provider = null!;

    public async Task InitializeAsync()
    {
        _provider = await FakeIdentityProvider.StartAsync();
        _provider.Publish(_rsa, _ec);
    }

    [Fact]
    public async Task Valid_RS256_and_ES256_tokens_from_the_authority_are_accepted_with_their_claims()
    {
        var verifier = Verifier(Authority());

        var rsa = await verifier.VerifyAsync(_rsa.Mint("kura", "teacher-1", "teacher", issuer: _provider.Authority, audience: Audience));
        var ec = await verifier.VerifyAsync(_ec.Mint("kura", "student-1", "student", issuer: _provider.Authority, audience: Audience));

        Assert.True(rsa.IsValid, rsa.Failure?.Message);
        Assert.True(ec.IsValid, ec.Failure?.Message);
        Assert.Equal(("teacher-1", "teacher", "kura"), Claims(rsa));
        Assert.Equal(("student-1", "student", "kura"), Claims(ec));
        Assert.Equal(1, _provider.Fetches);
    }

    [Fact]
    public async Task A_jwks_url_and_a_static_public_key_file_verify_as_well()
    {
        var fromJwks = Verifier(new TokenOptions { Issuer = _provider.Authority, Audience = Audience, JwksUrl = _provider.JwksUrl, AllowHttpKeySource = true });
        var (_, publicKey) = _ec.Write(_directory);
        var fromFile = Verifier(new TokenOptions { Issuer = "actors-dev", Audience = Audience, PublicKeyPaths = [publicKey] });

        Assert.True((await fromJwks.VerifyAsync(_rsa.Mint("kura", "u1", "student", issuer: _provider.Authority, audience: Audience))).IsValid);
        Assert.True((await fromFile.VerifyAsync(_ec.Mint("kura", "u1", "student", audience: Audience))).IsValid);
        Assert.False((await fromFile.VerifyAsync(_rsa.Mint("kura", "u1", "student", audience: Audience))).IsValid);
    }

    public static TheoryData<string> Refusals => ["wrong key", "unknown kid", "expired", "over the maximum lifetime", "no issue time", "wrong issuer", "wrong audience", "alg none", "HMAC while HMAC is off", "no role", "two user ids"];

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Tokens_that_cannot_be_trusted_are_refused(string what)
    {
        var verifier = Verifier(Authority());
        var now = DateTime.UtcNow;
        var token = what switch
        {
            // Signed by a key the provider never published, under the id of one it did.
            "wrong key" => SignedAs(_stranger, _ec.Key.KeyId, Descriptor(now)),
            "unknown kid" => _stranger.Sign(Descriptor(now)),
            "expired" => _ec.Sign(Descriptor(now.AddHours(-2), now.AddHours(-1))),
            "over the maximum lifetime" => _ec.Sign(Descriptor(now, now.AddHours(13))),
            "no issue time" => WithoutIssueTime(_ec, now.AddHours(1)),
            "wrong issuer" => _ec.Mint("kura", "u1", "student", issuer: "https://evil.example", audience: Audience),
            "wrong audience" => _ec.Mint("kura", "u1", "student", issuer: _provider.Authority, audience: "another-api"),
            "alg none" => Unsigned(Descriptor(now)),
            "HMAC while HMAC is off" => Hmac(Descriptor(now)),
            "no role" => _ec.Sign(Descriptor(now, claims: [new Claim("sub", "u1")])),
            "two user ids" => _ec.Sign(Descriptor(now, claims: [new Claim("sub", "u1"), new Claim("sub", "u2"), new Claim("role", "student")])),
            _ => throw new ArgumentOutOfRangeException(nameof(what)),
        };

        var result = await verifier.VerifyAsync(token);

        Assert.False(result.IsValid, $"a token with {what} was accepted");
        Assert.NotNull(result.Failure);
        if (what == "unknown kid")
        {
            Assert.Equal(2, _provider.Fetches); // the unknown key made the verifier look again before refusing
        }
    }

    [Fact]
    public async Task A_key_rotated_at_the_authority_is_picked_up_without_a_restart()
    {
        var verifier = Verifier(Authority());
        Assert.True((await verifier.VerifyAsync(_ec.Mint("kura", "u1", "student", issuer: _provider.Authority, audience: Audience))).IsValid);
        using var next = DevSigningKey.Create();

        _provider.Publish(_rsa, next);
        var rotated = await verifier.VerifyAsync(next.Mint("kura", "u1", "student", issuer: _provider.Authority, audience: Audience));

        Assert.True(rotated.IsValid, rotated.Failure?.Message);
        Assert.Equal(2, _provider.Fetches);
        Assert.False((await verifier.VerifyAsync(_ec.Mint("kura", "u1", "student", issuer: _provider.Authority, audience: Audience))).IsValid);
    }

    [Fact]
    public async Task Tokens_naming_unknown_keys_make_the_verifier_ask_the_provider_at_most_once_per_refresh_interval()
    {
        var verifier = Verifier(Authority());
        using var forger = DevSigningKey.Create();

        for (var i = 0; i < 5; i++)
        {
            Assert.False((await verifier.VerifyAsync(forger.Mint("kura", $"u{i}", "student", issuer: _provider.Authority, audience: Audience))).IsValid);
        }

        Assert.Equal(2, _provider.Fetches); // the first fetch, and one refresh for the first unknown key
    }

    [Fact]
    public async Task HMAC_tokens_pass_only_with_the_development_switch()
    {
        var options = Authority();
        options.AllowHmac = true;
        options.SigningKey = HmacKey;

        Assert.True((await Verifier(options).VerifyAsync(Hmac(Descriptor(DateTime.UtcNow)))).IsValid);
    }

    [Theory]
    [InlineData("entra", "oid", "roles", "tid")]
    [InlineData("google", "sub", "actors_role", "hd")]
    [InlineData("clever", "sub", "user_type", "district")]
    public async Task Provider_claims_are_mapped_to_user_role_and_school(string provider, string userClaim, string roleClaim, string schoolClaim)
    {
        var options = Authority();
        options.Claims = new ClaimMappingOptions
        {
            UserId = userClaim,
            Role = roleClaim,
            School = schoolClaim,
            RoleValues = new(StringComparer.OrdinalIgnoreCase) { ["Teacher"] = "teacher", ["Student"] = "student" },
            SchoolValues = new(StringComparer.OrdinalIgnoreCase) { ["provider-school-id"] = "kura" },
        };
        var now = DateTime.UtcNow;
        var claims = new List<Claim> { new(userClaim, $"{provider}-user"), new(roleClaim, "Teacher"), new(schoolClaim, "provider-school-id") };
        if (provider == "entra")
        {
            claims.Add(new Claim("roles", "SomeOtherAppRole")); // unmapped values are ignored
        }

        var result = await Verifier(options).VerifyAsync(_ec.Sign(Descriptor(now, claims: claims)));
        var unknownSchool = await Verifier(options).VerifyAsync(_ec.Sign(Descriptor(now, claims: [new(userClaim, "u"), new(roleClaim, "Teacher"), new(schoolClaim, "elsewhere")])));

        Assert.True(result.IsValid, result.Failure?.Message);
        Assert.Equal(($"{provider}-user", "teacher", "kura"), Claims(result));
        Assert.False(unknownSchool.IsValid);
    }

    public async Task DisposeAsync() => await _provider.DisposeAsync();

    public void Dispose()
    {
        _rsa.Dispose();
        _ec.Dispose();
        _stranger.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private const string HmacKey = "a-development-hmac-key-of-32-bytes-or-more";

    private TokenOptions Authority() => new() { Issuer = _provider.Authority, Audience = Audience, Authority = _provider.Authority, AllowHttpKeySource = true };

    private static TokenVerifier Verifier(TokenOptions options) => new(options);

    private static (string, string, string?) Claims(TokenVerification result)
        => (result.Identity!.FindFirst("sub")!.Value, result.Identity.FindFirst("role")!.Value, result.Identity.FindFirst("school")?.Value);

    private SecurityTokenDescriptor Descriptor(DateTime issued, DateTime? expires = null, IEnumerable<Claim>? claims = null) => new()
    {
        Issuer = _provider.Authority,
        Audience = Audience,
        IssuedAt = issued,
        NotBefore = issued,
        Expires = expires ?? issued.AddHours(1),
        Subject = new ClaimsIdentity(claims ?? [new Claim("school", "kura"), new Claim("sub", "u1"), new Claim("role", "student")]),
    };

    private string WithoutIssueTime(DevSigningKey key, DateTime expires)
    {
        // JsonWebTokenHandler adds iat and nbf unless told not to.
        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        return handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = _provider.Authority,
            Audience = Audience,
            Expires = expires,
            Subject = new ClaimsIdentity([new Claim("sub", "u1"), new Claim("role", "student")]),
            SigningCredentials = new SigningCredentials(key.Key, SecurityAlgorithms.EcdsaSha256),
        });
    }

    private static string SignedAs(DevSigningKey key, string keyId, SecurityTokenDescriptor descriptor)
    {
        var impostor = SigningKeys.FromPem(((ECDsaSecurityKey)key.Key).ECDsa.ExportPkcs8PrivateKeyPem());
        impostor.KeyId = keyId;
        descriptor.SigningCredentials = new SigningCredentials(impostor, SecurityAlgorithms.EcdsaSha256);
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    private static string Hmac(SecurityTokenDescriptor descriptor)
    {
        descriptor.SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(HmacKey)), SecurityAlgorithms.HmacSha256);
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    private static string Unsigned(SecurityTokenDescriptor descriptor)
    {
        var handler = new JsonWebTokenHandler();
        descriptor.SigningCredentials = null;
        return handler.CreateToken(descriptor); // header alg "none", empty signature
    }
}
