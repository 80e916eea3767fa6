using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Actors.Security.Tls;

namespace Actors.Security.Development;

/// <summary>
/// A throw-away certificate authority and the certificates of a local cluster, for local runs (<c>actors dev-certs</c>,
/// called by scripts/run-local.sh) and tests. ECDSA P-256 keys; nothing here is fit for a deployment, where the CA's
/// key never sits beside the certificates it issued.
/// </summary>
public static class DevCertificates
{
    /// <summary>File names <see cref="WriteCluster"/> uses, under its directory.</summary>
    public const string CaFile = "ca.crt";

    /// <summary>A CA whose certificate is valid for <paramref name="lifetime"/> (default a day).</summary>
    public static X509Certificate2 CreateAuthority(string name = "Actors development CA", TimeSpan? lifetime = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName($"CN={name}"), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddMinutes(-5), now + (lifetime ?? TimeSpan.FromDays(1)));
    }

    /// <summary>
    /// A certificate for <paramref name="dnsName"/> issued by <paramref name="authority"/>, usable as a TLS server
    /// and/or client, with its private key.
    /// </summary>
    public static X509Certificate2 Issue(X509Certificate2 authority, string dnsName, bool server, bool client, TimeSpan? lifetime = null)
    {
        ArgumentNullException.ThrowIfNull(authority);
        ArgumentException.ThrowIfNullOrWhiteSpace(dnsName);
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName($"CN={dnsName}"), key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(dnsName);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        var usages = new OidCollection();
        if (server)
        {
            usages.Add(new Oid("1.3.6.1.5.5.7.3.1"));
        }

        if (client)
        {
            usages.Add(new Oid("1.3.6.1.5.5.7.3.2"));
        }

        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(usages, critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(authority, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        var now = DateTimeOffset.UtcNow;
        var notAfter = now + (lifetime ?? TimeSpan.FromDays(1));
        if (notAfter > authority.NotAfter)
        {
            notAfter = authority.NotAfter;
        }

        using var issued = request.Create(authority, now.AddMinutes(-5), notAfter, RandomNumberGenerator.GetBytes(16));
        return issued.CopyWithPrivateKey(key);
    }

    /// <summary>
    /// Writes a fresh CA (<c>ca.crt</c>, its key is discarded) and certificates for the silos (<c>silo.crt</c>,
    /// <c>silo.key</c>) and the gateway (<c>gateway.crt</c>, <c>gateway.key</c>) with the default names of
    /// <see cref="ClusterTlsOptions"/>, and an HTTPS certificate for a dashboard at <c>localhost</c>
    /// (<c>dashboard.crt</c>, <c>dashboard.key</c>) into <paramref name="directory"/>; keys readable by the owner only.
    /// </summary>
    public static void WriteCluster(string directory)
    {
        Directory.CreateDirectory(directory);
        using var authority = CreateAuthority();
        using var silo = Issue(authority, ClusterTlsOptions.DefaultSiloName, server: true, client: true);
        using var gateway = Issue(authority, ClusterTlsOptions.DefaultGatewayName, server: false, client: true);
        using var dashboard = Issue(authority, "localhost", server: true, client: false);
        File.WriteAllText(Path.Combine(directory, CaFile), authority.ExportCertificatePem());
        WritePair(directory, "silo", silo);
        WritePair(directory, "gateway", gateway);
        WritePair(directory, "dashboard", dashboard);
    }

    /// <summary>Writes <c>NAME.crt</c> and <c>NAME.key</c> (PKCS#8 PEM, owner-only) for <paramref name="certificate"/>.</summary>
    public static (string CertificatePath, string KeyPath) WritePair(string directory, string name, X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var certificatePath = Path.Combine(directory, name + ".crt");
        var keyPath = Path.Combine(directory, name + ".key");
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        using var key = certificate.GetECDsaPrivateKey() ?? throw new ArgumentException("the certificate has no ECDSA private key", nameof(certificate));
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(keyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return (certificatePath, keyPath);
    }
}
