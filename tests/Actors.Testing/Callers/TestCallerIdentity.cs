using Actors.Security.Callers;
using Actors.Security.Development;
using Actors.Security.Hosting;
using Actors.Security.Tokens;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;

namespace Actors.Testing.Callers;

/// <summary>
/// The keys of every test cluster in this process: a development key pair that signs users' tokens (the silos and
/// gateways of tests trust its public half) and a service key that the silos sign grains' calls with. Silos started
/// by tests verify every call as in production; clients that call grains directly mint the tokens with
/// <see cref="CallerTokenMinter"/>.
/// </summary>
public static class TestCallerIdentity
{
    /// <summary>The service key of test silos (test only: production reads it from the cluster's secret).</summary>
    public const string ServiceKey = "actors-tests-service-key-0123456789abcdef";

    /// <summary>Signs users' tokens in tests.</summary>
    public static DevSigningKey UserKey { get; } = DevSigningKey.Create();

    /// <summary>The public half of <see cref="UserKey"/>, as a PEM file (<c>Jwt:PublicKeyPaths</c>).</summary>
    public static string PublicKeyPath { get; } = UserKey.Write(Directory.CreateTempSubdirectory("actors-test-identity-").FullName).PublicKeyPath;

    /// <summary>The options test silos verify and sign with.</summary>
    public static CallerVerificationOptions VerificationOptions => new() { ServiceKey = ServiceKey };

    /// <summary>The environment a silo process needs to verify callers as the test clusters do.</summary>
    public static IReadOnlyDictionary<string, string?> SiloEnvironment { get; } = new Dictionary<string, string?>
    {
        ["Jwt__Issuer"] = DevSigningKey.DefaultIssuer,
        ["Jwt__Audience"] = DevSigningKey.DefaultAudience,
        ["Jwt__PublicKeyPaths__0"] = PublicKeyPath,
        ["CallerVerification__ServiceKey"] = ServiceKey,
    };

    /// <summary>Makes a test silo verify callers (<see cref="CallerVerificationHostingExtensions.AddCallerVerification"/>) with the test keys.</summary>
    public static ISiloBuilder AddTestCallerVerification(this ISiloBuilder silo)
    {
        silo.AddCallerVerification();
        silo.Services.PostConfigure<TokenOptions>(o =>
        {
            o.Issuer ??= DevSigningKey.DefaultIssuer;
            o.Audience ??= DevSigningKey.DefaultAudience;
            if (!o.PublicKeyPaths.Contains(PublicKeyPath))
            {
                o.PublicKeyPaths.Add(PublicKeyPath);
            }
        });
        silo.Services.PostConfigure<CallerVerificationOptions>(o =>
        {
            if (string.IsNullOrEmpty(o.ServiceKeyPath))
            {
                o.ServiceKey ??= ServiceKey;
            }
        });
        return silo;
    }

    /// <summary>Makes a test client mint a token for the <c>Caller</c> argument of each call (<see cref="CallerTokenMinter"/>).</summary>
    public static IClientBuilder AddTestCallerTokens(this IClientBuilder client)
        => client.AddOutgoingGrainCallFilter(CallerTokenMinter.Shared);
}
