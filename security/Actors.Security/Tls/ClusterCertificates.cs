using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Actors.Security.Tls;

/// <summary>
/// The certificates of <see cref="ClusterTlsOptions"/>, loaded once: this process's certificate with its key, and the
/// cluster CA that every peer's certificate must chain to. Decides which peers are trusted in which role.
/// </summary>
public sealed class ClusterCertificates : IDisposable
{
    /// <summary>Extended key usage of a TLS server certificate.</summary>
    private static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1");

    /// <summary>Extended key usage of a TLS client certificate.</summary>
    private static readonly Oid ClientAuthentication = new("1.3.6.1.5.5.7.3.2");

    private ClusterCertificates(X509Certificate2 local, X509Certificate2Collection roots, ClusterTlsOptions options)
    {
        Local = local;
        Roots = roots;
        SiloName = options.SiloName;
        ClientNames = [.. options.ClientNames];
    }

    /// <summary>This process's certificate, with its private key.</summary>
    public X509Certificate2 Local { get; }

    /// <summary>The cluster CA: the only trust anchors for peers.</summary>
    public X509Certificate2Collection Roots { get; }

    /// <summary>The name silos' certificates carry.</summary>
    public string SiloName { get; }

    /// <summary>Names accepted of clients on the gateway port.</summary>
    public IReadOnlyList<string> ClientNames { get; }

    /// <summary>Loads the files named by <paramref name="options"/>.</summary>
    /// <exception cref="CryptographicException">A file does not hold what it should, or the key does not match the certificate.</exception>
    public static ClusterCertificates Load(ClusterTlsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var local = X509Certificate2.CreateFromPemFile(options.CertificatePath!, options.KeyPath);
        if (!local.HasPrivateKey)
        {
            throw new CryptographicException($"the key at '{options.KeyPath}' is not the key of the certificate at '{options.CertificatePath}'.");
        }

        var roots = new X509Certificate2Collection();
        roots.ImportFromPemFile(options.CaPath!);
        if (roots.Count == 0)
        {
            throw new CryptographicException($"no certificate in CaPath '{options.CaPath}'.");
        }

        var certificates = new ClusterCertificates(local, roots, options);
        if (!certificates.Chains(local, chain: null))
        {
            throw new CryptographicException($"the certificate at '{options.CertificatePath}' ({local.Subject}) was not issued by the CA at '{options.CaPath}', or has expired.");
        }

        return certificates;
    }

    /// <summary>True when <paramref name="peer"/>, met on the silo port or as the silo a connection was made to, is a silo of this cluster.</summary>
    public bool IsSilo(X509Certificate2 peer, X509Chain? chain, bool peerIsClient)
        => Chains(peer, chain, peerIsClient ? ClientAuthentication : ServerAuthentication) && peer.MatchesHostname(SiloName, allowWildcards: false);

    /// <summary>True when <paramref name="peer"/>, met on the gateway port, is one of the cluster's clients (the gRPC gateway).</summary>
    public bool IsClient(X509Certificate2 peer, X509Chain? chain)
        => Chains(peer, chain, ClientAuthentication) && ClientNames.Any(name => peer.MatchesHostname(name, allowWildcards: false));

    public void Dispose()
    {
        Local.Dispose();
        foreach (var root in Roots)
        {
            root.Dispose();
        }
    }

    // A chain to the cluster CA alone (the machine's trust store plays no part), valid now, for the given usage.
    private bool Chains(X509Certificate2 certificate, X509Chain? chain, Oid? usage = null)
    {
        using var own = new X509Chain();
        own.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        own.ChainPolicy.CustomTrustStore.AddRange(Roots);
        own.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (usage is not null)
        {
            own.ChainPolicy.ApplicationPolicy.Add(usage);
        }

        // Intermediates the peer sent along.
        if (chain is not null)
        {
            foreach (var element in chain.ChainElements)
            {
                own.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        return own.Build(certificate);
    }
}
