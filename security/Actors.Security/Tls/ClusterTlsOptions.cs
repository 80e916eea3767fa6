namespace Actors.Security.Tls;

/// <summary>
/// TLS on the Orleans ports: silo to silo (<c>SiloPort</c>) and client to silo (<c>GatewayPort</c>), mutual on both,
/// with certificates issued by the cluster's own CA. The three files are what a Kubernetes TLS secret mounts
/// (<c>tls.crt</c>, <c>tls.key</c>, <c>ca.crt</c>). Configuration section <see cref="SectionName"/>
/// (environment: <c>ClusterTls__CertificatePath</c>, ...).
/// </summary>
/// <remarks>
/// Outside the Development environment a process without certificates refuses to start unless <see cref="Disabled"/>
/// says plaintext is meant: an unencrypted cluster port lets anyone on the network call any grain.
/// </remarks>
public sealed class ClusterTlsOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "ClusterTls";

    /// <summary>Default <see cref="SiloName"/>.</summary>
    public const string DefaultSiloName = "actors-silo";

    /// <summary>Default member of <see cref="ClientNames"/>: the gRPC gateway.</summary>
    public const string DefaultGatewayName = "actors-gateway";

    /// <summary>PEM certificate of this process (a silo's or the gateway's), e.g. <c>/tls/tls.crt</c>. Default none.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>PEM private key of <see cref="CertificatePath"/>, e.g. <c>/tls/tls.key</c>. Default none.</summary>
    public string? KeyPath { get; set; }

    /// <summary>PEM certificate(s) of the CA that issues the cluster's certificates, e.g. <c>/tls/ca.crt</c>: the only roots a peer may chain to. Default none.</summary>
    public string? CaPath { get; set; }

    /// <summary>
    /// Run the Orleans ports without TLS outside Development (e.g. a laptop's compose file). Default false: there, a
    /// process without certificates refuses to start. Cannot be combined with certificate paths.
    /// </summary>
    public bool Disabled { get; set; }

    /// <summary>
    /// The DNS name (subject alternative name) in every silo's certificate. The silo port accepts only peers whose
    /// certificate carries it, and clients and silos expect it of the silo they connect to. Default <c>actors-silo</c>.
    /// </summary>
    public string SiloName { get; set; } = DefaultSiloName;

    /// <summary>
    /// DNS names accepted in client certificates on the gateway port. Default <c>actors-gateway</c> (the gRPC gateway):
    /// a silo certificate is not accepted there, nor a gateway certificate on the silo port.
    /// </summary>
    public List<string> ClientNames { get; set; } = [DefaultGatewayName];

    /// <summary>Longest a TLS handshake may take before the connection is dropped. Default 10 s.</summary>
    public TimeSpan HandshakeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>True when certificates are configured, so the ports speak TLS.</summary>
    public bool Enabled => !Disabled && !string.IsNullOrWhiteSpace(CertificatePath);
}
