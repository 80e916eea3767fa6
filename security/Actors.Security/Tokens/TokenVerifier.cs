using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Actors.Security.Tokens;

/// <summary>
/// Verifies bearer tokens per <see cref="TokenOptions"/> and maps their claims (<see cref="ClaimMapping"/>): the one
/// place the gateway and the silos decide whether a token stands for a caller. Signatures RS256/ES256 (HS256 only with
/// the development switch), issuer, audience, expiry, a bounded lifetime. Keys from an authority or JWKS URL are
/// cached by <see cref="ProviderKeys"/>; a token naming an unknown key makes it
/// refresh (at most once per <see cref="TokenOptions.KeyRefreshInterval"/>) and is checked again against the new keys.
/// </summary>
public sealed class TokenVerifier
{
    private readonly TokenOptions _options;
    private readonly ClaimMapping _mapping;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private readonly ProviderKeys? _keySource;
    private readonly IReadOnlyList<SecurityKey> _staticKeys;
    private readonly TokenValidationParameters _template;
    private (OpenIdConnectConfiguration? Configuration, TokenValidationParameters Parameters) _current;

    public TokenVerifier(TokenOptions options, HttpClient? http = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _mapping = new ClaimMapping(options.Claims);
        _staticKeys = StaticKeys(options);
        if (options.HasKeySource)
        {
            _keySource = new ProviderKeys(options, http ?? new HttpClient { Timeout = TimeSpan.FromSeconds(10) });
        }

        _template = new TokenValidationParameters
        {
            ValidIssuer = options.Issuer,
            ValidAudience = options.Audience,
            ValidAlgorithms = options.AllowHmac
                ? [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.HmacSha256]
                : [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.EcdsaSha256],
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
            ClockSkew = options.ClockSkew,
        };
        _current = (null, WithKeys(null));
    }

    /// <summary>Verifies <paramref name="token"/>; never throws for a bad token, only reports it.</summary>
    public async Task<TokenVerification> VerifyAsync(string token, CancellationToken cancellationToken = default)
    {
        var configuration = _keySource is null ? null : await _keySource.GetAsync(cancellationToken).ConfigureAwait(false);
        var result = await _handler.ValidateTokenAsync(token, ParametersFor(configuration)).ConfigureAwait(false);
        if (!result.IsValid && _keySource is not null && result.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            // A key the cache does not know: the provider may have rotated. Refetch (rate limited) and try once more.
            var refreshed = await _keySource.RefreshAsync(configuration, cancellationToken).ConfigureAwait(false);
            if (!ReferenceEquals(refreshed, configuration))
            {
                result = await _handler.ValidateTokenAsync(token, ParametersFor(refreshed)).ConfigureAwait(false);
            }
        }

        if (!result.IsValid)
        {
            return new TokenVerification { Failure = result.Exception ?? new SecurityTokenValidationException("the token is not valid.") };
        }

        var jwt = (JsonWebToken)result.SecurityToken;
        if (LifetimeProblem(jwt) is { } lifetime)
        {
            return new TokenVerification { Failure = new SecurityTokenInvalidLifetimeException(lifetime) };
        }

        var (identity, problem) = _mapping.Map(result.ClaimsIdentity.Claims);
        return identity is null
            ? new TokenVerification { Failure = new SecurityTokenValidationException(problem) }
            : new TokenVerification { Identity = identity, Token = jwt, Expires = new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero) + _options.ClockSkew };
    }

    // A token must say when it was issued, and may not live longer than MaxLifetime, however well signed.
    private string? LifetimeProblem(JsonWebToken jwt)
    {
        var start = jwt.IssuedAt != DateTime.MinValue ? jwt.IssuedAt : jwt.ValidFrom;
        if (start == DateTime.MinValue)
        {
            return "the token carries neither 'iat' nor 'nbf', so its lifetime is unknown.";
        }

        var now = DateTime.UtcNow;
        return jwt.ValidTo - start > _options.MaxLifetime || jwt.ValidTo - now > _options.MaxLifetime + _options.ClockSkew
            ? $"the token lives longer than the {_options.MaxLifetime.TotalHours:0.##} hours allowed."
            : null;
    }

    // Validation parameters per key set, rebuilt only when the key source hands out a new configuration.
    private TokenValidationParameters ParametersFor(OpenIdConnectConfiguration? configuration)
    {
        var current = _current;
        if (ReferenceEquals(current.Configuration, configuration))
        {
            return current.Parameters;
        }

        var parameters = WithKeys(configuration);
        _current = (configuration, parameters);
        return parameters;
    }

    private TokenValidationParameters WithKeys(OpenIdConnectConfiguration? configuration)
    {
        var parameters = _template.Clone();
        parameters.IssuerSigningKeys = [.. _staticKeys, .. configuration?.SigningKeys ?? []];
        return parameters;
    }

    private static List<SecurityKey> StaticKeys(TokenOptions options)
    {
        var keys = new List<SecurityKey>(options.PublicKeyPaths.Select(SigningKeys.LoadPublicKey));
        if (options.AllowHmac && !string.IsNullOrEmpty(options.SigningKey))
        {
            keys.Add(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(options.SigningKey)));
        }

        return keys;
    }
}
