using Actors.Security.Tls;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Connections.Security;
using Orleans.Hosting;

namespace Actors.Security.Hosting;

/// <summary>
/// TLS on the Orleans ports from <see cref="ClusterTlsOptions"/> (validated at start-up), through
/// Microsoft.Orleans.Connections.Security: mutual on every connection, each port accepting only the peers that belong
/// on it.
/// </summary>
public static class ClusterTlsHostingExtensions
{
    /// <summary>
    /// Silo side: the silo port accepts only silos, the gateway port only clients (<see cref="ClusterTlsOptions.ClientNames"/>),
    /// and connections to other silos check that a silo answered.
    /// </summary>
    public static ISiloBuilder UseClusterTls(this ISiloBuilder silo)
    {
        AddOptions(silo.Services);
        silo.Services.AddOptions<SiloConnectionOptions>().Configure<IOptions<ClusterTlsOptions>, ClusterCertificatesHolder>((connections, tls, holder) =>
        {
            if (!tls.Value.Enabled)
            {
                return;
            }

            var certificates = holder.Get(tls.Value);
            var timeout = tls.Value.HandshakeTimeout;
            connections.ConfigureSiloInboundConnection(b => b.UseServerTls(Server(certificates, timeout, (peer, chain) => certificates.IsSilo(peer, chain, peerIsClient: true))));
            connections.ConfigureGatewayInboundConnection(b => b.UseServerTls(Server(certificates, timeout, certificates.IsClient)));
            connections.ConfigureSiloOutboundConnection(b => b.UseClientTls(Client(certificates, timeout)));
        });
        return silo;
    }

    /// <summary>Client side (the gateway): presents its certificate and checks that a silo of this cluster answered.</summary>
    public static IClientBuilder UseClusterTls(this IClientBuilder client)
    {
        AddOptions(client.Services);
        client.Services.AddOptions<ClientConnectionOptions>().Configure<IOptions<ClusterTlsOptions>, ClusterCertificatesHolder>((connections, tls, holder) =>
        {
            if (tls.Value.Enabled)
            {
                var certificates = holder.Get(tls.Value);
                connections.ConfigureConnection(b => b.UseClientTls(Client(certificates, tls.Value.HandshakeTimeout)));
            }
        });
        return client;
    }

    private static void AddOptions(IServiceCollection services)
    {
        services.AddOptions<ClusterTlsOptions>().BindConfiguration(ClusterTlsOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ClusterTlsOptions>, ClusterTlsOptionsValidator>();
        services.AddSingleton<ClusterCertificatesHolder>();
    }

    private static TlsOptions Server(ClusterCertificates certificates, TimeSpan timeout, Func<System.Security.Cryptography.X509Certificates.X509Certificate2, System.Security.Cryptography.X509Certificates.X509Chain?, bool> accepts)
        => new()
        {
            LocalCertificate = certificates.Local,
            RemoteCertificateMode = RemoteCertificateMode.RequireCertificate,
            RemoteCertificateValidation = (peer, chain, _) => accepts(peer, chain),
            HandshakeTimeout = timeout,
        };

    private static TlsOptions Client(ClusterCertificates certificates, TimeSpan timeout)
        => new()
        {
            LocalCertificate = certificates.Local,
            ClientCertificateMode = RemoteCertificateMode.RequireCertificate,
            RemoteCertificateMode = RemoteCertificateMode.RequireCertificate,
            RemoteCertificateValidation = (peer, chain, _) => certificates.IsSilo(peer, chain, peerIsClient: false),
            HandshakeTimeout = timeout,

            // Silos are reached by IP address; the name asked for (SNI) is the one every silo certificate carries.
            OnAuthenticateAsClient = (_, ssl) => ssl.TargetHost = certificates.SiloName,
        };

    /// <summary>The certificates, loaded once per process when the connection options are first built.</summary>
    private sealed class ClusterCertificatesHolder : IDisposable
    {
        private readonly Lock _lock = new();
        private ClusterCertificates? _certificates;

        public ClusterCertificates Get(ClusterTlsOptions options)
        {
            lock (_lock)
            {
                return _certificates ??= ClusterCertificates.Load(options);
            }
        }

        public void Dispose() => _certificates?.Dispose();
    }
}
