using System.Collections.Concurrent;
using System.Security.Claims;
using Actors.Contracts;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Actors.Security.Callers;

/// <summary>
/// Service tokens: what a silo attaches to every call a grain makes to a method that needs a caller, vouching for the
/// <see cref="Caller"/> argument the grain passed (or for no caller, on methods only grains may call). HMAC-SHA256 with
/// the cluster's service key (<see cref="CallerVerificationOptions"/>): symmetric on purpose, since every party that
/// holds the key — the silos — is also meant to mint. A token names the grain it is for, so one copied off a call
/// opens nothing else, and lives minutes. Minted tokens are reused per caller and target for half their lifetime.
/// </summary>
public sealed class ServiceTokens
{
    /// <summary>Issuer and audience of service tokens: never an identity provider's.</summary>
    public const string Issuer = "actors-cluster";

    /// <summary>The claim naming the grain (its <see cref="Orleans.Runtime.GrainId"/> text) the token is for.</summary>
    public const string GrainClaim = "grain";

    private const int MaxMinted = 10_000;

    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false, SetDefaultTimesOnTokenCreation = false };
    private readonly SigningCredentials _credentials;
    private readonly TokenValidationParameters _validation;
    private readonly TimeSpan _lifetime;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<(string Grain, Caller? Caller), (string Token, DateTimeOffset RenewAt)> _minted = new();

    public ServiceTokens(CallerVerificationOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var key = new SymmetricSecurityKey(options.ReadServiceKey());
        _credentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256);
        _lifetime = options.ServiceTokenLifetime;
        _time = time ?? TimeProvider.System;
        _validation = new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = Issuer,
            IssuerSigningKey = key,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
            ClockSkew = TimeSpan.FromSeconds(30),
        };
    }

    /// <summary>True when <paramref name="token"/> claims to be a service token (unverified: decides which check applies).</summary>
    public static bool ClaimsToBeServiceToken(JsonWebToken token) => token.Issuer == Issuer;

    /// <summary>A token for a call to <paramref name="grain"/>, vouching for <paramref name="caller"/> (or for no caller).</summary>
    public string Mint(string grain, Caller? caller)
    {
        var now = _time.GetUtcNow();
        if (_minted.TryGetValue((grain, caller), out var minted) && now < minted.RenewAt)
        {
            return minted.Token;
        }

        var token = Create(grain, caller, now, now + _lifetime);
        if (_minted.Count >= MaxMinted)
        {
            // A silo serving many callers at once: start over rather than track ages; the cost is a signature each.
            _minted.Clear();
        }

        _minted[(grain, caller)] = (token, now + (_lifetime / 2));
        return token;
    }

    /// <summary>Signs a token with explicit times (tests make expired ones).</summary>
    public string Create(string grain, Caller? caller, DateTimeOffset issued, DateTimeOffset expires)
    {
        var claims = new List<Claim> { new(GrainClaim, grain) };
        if (caller is not null)
        {
            claims.AddRange(CallerClaims.Of(caller));
        }

        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Issuer,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = issued.UtcDateTime,
            NotBefore = issued.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = _credentials,
        });
    }

    /// <summary>The verified identity <paramref name="token"/> stands for, or null if it is not a valid service token.</summary>
    public async Task<VerifiedToken?> VerifyAsync(string token)
    {
        var result = await _handler.ValidateTokenAsync(token, _validation).ConfigureAwait(false);
        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt || !jwt.TryGetPayloadValue<string>(GrainClaim, out var grain))
        {
            return null;
        }

        var hasCaller = jwt.Claims.Any(c => c.Type == Tokens.ClaimMapping.UserIdClaim);
        var caller = hasCaller ? CallerClaims.ToCaller(jwt.Claims, out _) : null;
        if (hasCaller && caller is null)
        {
            return null;
        }

        return new VerifiedToken(caller, grain, new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero));
    }
}
