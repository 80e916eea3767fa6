using System.Net;
using System.Text.Json;
using Actors.Security.Development;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace Actors.Security.Tests;

/// <summary>
/// An identity provider's key endpoints on loopback: OpenID Connect discovery and a JWKS document whose keys the test
/// changes at will (rotation), counting how often the keys are fetched.
/// </summary>
internal sealed class FakeIdentityProvider : IAsyncDisposable
{
    private readonly WebApplication _app;
    private volatile IReadOnlyList<DevSigningKey> _published = [];
    private int _fetches;

    private FakeIdentityProvider(WebApplication app) => _app = app;

    /// <summary>The issuer and authority (discovery at <c>/.well-known/openid-configuration</c>).</summary>
    public string Authority { get; private set; } = "";

    public string JwksUrl => Authority + "/jwks";

    /// <summary>How many times the JWKS document was served.</summary>
    public int Fetches => Volatile.Read(ref _fetches);

    public static async Task<FakeIdentityProvider> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var provider = new FakeIdentityProvider(app);

        // Mapped before the start: an application without endpoints at start-up gets no routing at all.
        app.MapGet("/.well-known/openid-configuration", () => Results.Json(new { issuer = provider.Authority, jwks_uri = provider.JwksUrl }));
        app.MapGet("/jwks", provider.Jwks);
        await app.StartAsync();
        provider.Authority = app.Urls.Single();
        return provider;
    }

    /// <summary>Publishes exactly <paramref name="keys"/> from now on.</summary>
    public void Publish(params DevSigningKey[] keys) => _published = keys;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private IResult Jwks()
    {
        Interlocked.Increment(ref _fetches);
        var keys = _published.Select(k => PublicJwk(k)).ToList();
        return Results.Text(JsonSerializer.Serialize(new { keys }), "application/json");
    }

    private static Dictionary<string, string> PublicJwk(DevSigningKey key)
    {
        var jwk = JsonWebKeyConverter.ConvertFromSecurityKey(SigningKeysPublic(key));
        var values = new Dictionary<string, string> { ["kty"] = jwk.Kty, ["kid"] = key.Key.KeyId, ["use"] = "sig" };
        foreach (var (name, value) in new[] { ("n", jwk.N), ("e", jwk.E), ("crv", jwk.Crv), ("x", jwk.X), ("y", jwk.Y) })
        {
            if (!string.IsNullOrEmpty(value))
            {
                values[name] = value;
            }
        }

        return values;
    }

    private static SecurityKey SigningKeysPublic(DevSigningKey key) => Actors.Security.Tokens.SigningKeys.FromPem(key.PublicKeyPem);
}
