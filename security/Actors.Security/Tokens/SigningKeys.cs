using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Actors.Security.Tokens;

/// <summary>Public keys from PEM files, with the key id (RFC 7638 thumbprint) that tokens signed by their private halves carry.</summary>
public static class SigningKeys
{
    /// <summary>The RSA or EC public key in the PEM file at <paramref name="path"/>.</summary>
    /// <exception cref="CryptographicException">The file holds no RSA or EC key.</exception>
    public static AsymmetricSecurityKey LoadPublicKey(string path) => FromPem(File.ReadAllText(path), path);

    /// <summary>The RSA or EC key (public, or private) in <paramref name="pem"/>, its key id set.</summary>
    public static AsymmetricSecurityKey FromPem(string pem, string source = "the PEM text")
    {
        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(pem);
            return WithKeyId(new RsaSecurityKey(rsa));
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            rsa.Dispose();
        }

        var ec = ECDsa.Create();
        try
        {
            ec.ImportFromPem(pem);
            return WithKeyId(new ECDsaSecurityKey(ec));
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            ec.Dispose();
            throw new CryptographicException($"{source} holds no RSA or EC key in PEM form.", e);
        }
    }

    /// <summary>The signing algorithm of <paramref name="key"/>: RS256 for RSA, ES256 for EC P-256.</summary>
    public static string AlgorithmOf(SecurityKey key) => key is ECDsaSecurityKey ? SecurityAlgorithms.EcdsaSha256 : SecurityAlgorithms.RsaSha256;

    private static T WithKeyId<T>(T key)
        where T : AsymmetricSecurityKey
    {
        // The public JWK's thumbprint: the same for the private and the public half, so minted tokens name the key the verifier holds.
        JsonWebKey publicJwk;
        switch (key)
        {
            case RsaSecurityKey rsa:
                publicJwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(rsa.Rsa.ExportParameters(false)));
                break;
            case ECDsaSecurityKey ec:
                using (var publicHalf = ECDsa.Create(ec.ECDsa.ExportParameters(false)))
                {
                    publicJwk = JsonWebKeyConverter.ConvertFromECDsaSecurityKey(new ECDsaSecurityKey(publicHalf));
                }

                break;
            default:
                throw new NotSupportedException(key.GetType().Name);
        }
        key.KeyId = Base64UrlEncoder.Encode(publicJwk.ComputeJwkThumbprint());
        return key;
    }
}
