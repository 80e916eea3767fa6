using Actors.Security.Development;
using Actors.Security.Tokens;
using Microsoft.Extensions.Options;

namespace Actors.Gateway.DevSignIn;

/// <summary>
/// Signs development tokens with the run's development key pair (<see cref="DevSignInOptions.SigningKeyPath"/>), as an
/// identity provider would: the gateway verifies them like any provider's token, through the public half it trusts
/// (<c>Jwt:PublicKeyPaths</c>), with no HMAC key involved.
/// </summary>
internal sealed class KeyPairDevTokenIssuer(IOptions<DevSignInOptions> options, IOptions<TokenOptions> tokens) : IDevTokenIssuer, IDisposable
{
    private readonly Lazy<DevSigningKey> _key = new(() => DevSigningKey.Load(options.Value.SigningKeyPath!));

    public string Issue(DevIdentity identity, TimeSpan lifetime)
        => _key.Value.Mint(identity.School ?? "", identity.UserId, identity.Role, lifetime, tokens.Value.Issuer!, tokens.Value.Audience!);

    public void Dispose()
    {
        if (_key.IsValueCreated)
        {
            _key.Value.Dispose();
        }
    }
}
