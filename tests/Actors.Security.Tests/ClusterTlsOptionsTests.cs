using System.Security.Cryptography.X509Certificates;
using Actors.Security.Development;
using Actors.Security.Tls;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace Actors.Security.Tests;

/// <summary>
/// <see cref="ClusterTlsOptions"/> at start-up (TLS required outside Development unless disabled, files that hold what
/// they should) and <see cref="ClusterCertificates"/>' peer checks: the cluster CA only, each role on its own port.
/// </summary>
public sealed class ClusterTlsOptionsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("actors-tls-").FullName;

    [Fact]
    public void Outside_development_a_process_without_certificates_refuses_to_start_unless_tls_is_disabled()
    {
        var none = new ClusterTlsOptions();

        var production = Validate(none, "Production");

        Assert.True(production.Failed);
        Assert.Contains("ClusterTls:CertificatePath", production.FailureMessage);
        Assert.Contains("ClusterTls:Disabled", production.FailureMessage);
        Assert.True(Validate(none, "Development").Succeeded);
        Assert.True(Validate(new ClusterTlsOptions { Disabled = true }, "Production").Succeeded);
        Assert.False(none.Enabled);
    }

    [Fact]
    public void Certificates_written_by_dev_certs_are_accepted_and_enable_tls()
    {
        DevCertificates.WriteCluster(_directory);
        var options = Options("silo");

        Assert.True(Validate(options, "Production").Succeeded);
        Assert.True(options.Enabled);
    }

    [Theory]
    [InlineData("CertificatePath")]
    [InlineData("KeyPath")]
    [InlineData("CaPath")]
    public void A_missing_path_or_file_is_refused_naming_its_key(string key)
    {
        DevCertificates.WriteCluster(_directory);
        var missing = Options("silo");
        var absent = Options("silo");
        typeof(ClusterTlsOptions).GetProperty(key)!.SetValue(missing, null);
        typeof(ClusterTlsOptions).GetProperty(key)!.SetValue(absent, Path.Combine(_directory, "no-such-file"));

        Assert.Contains($"ClusterTls:{key}", Validate(missing, "Production").FailureMessage);
        Assert.Contains($"ClusterTls:{key}", Validate(absent, "Production").FailureMessage);
    }

    [Fact]
    public void Disabled_with_certificates_is_refused_as_contradictory()
    {
        DevCertificates.WriteCluster(_directory);
        var options = Options("silo");
        options.Disabled = true;

        Assert.Contains("ClusterTls:Disabled", Validate(options, "Production").FailureMessage);
    }

    [Fact]
    public void A_certificate_from_another_ca_or_with_the_wrong_key_is_refused()
    {
        DevCertificates.WriteCluster(_directory);
        using var otherCa = DevCertificates.CreateAuthority("Another CA");
        using var stranger = DevCertificates.Issue(otherCa, ClusterTlsOptions.DefaultSiloName, server: true, client: true);
        var (strangerCertificate, strangerKey) = DevCertificates.WritePair(_directory, "stranger", stranger);

        var foreign = Options("silo");
        foreign.CertificatePath = strangerCertificate;
        foreign.KeyPath = strangerKey;
        var wrongKey = Options("silo");
        wrongKey.KeyPath = Path.Combine(_directory, "gateway.key");

        Assert.Contains("was not issued by the CA", Validate(foreign, "Production").FailureMessage);
        Assert.True(Validate(wrongKey, "Production").Failed);
    }

    [Fact]
    public void The_silo_port_accepts_only_silos_and_the_gateway_port_only_the_gateway_both_from_the_cluster_ca()
    {
        using var authority = DevCertificates.CreateAuthority();
        File.WriteAllText(Path.Combine(_directory, DevCertificates.CaFile), authority.ExportCertificatePem());
        using var silo = DevCertificates.Issue(authority, ClusterTlsOptions.DefaultSiloName, server: true, client: true);
        using var gateway = DevCertificates.Issue(authority, ClusterTlsOptions.DefaultGatewayName, server: false, client: true);
        using var expired = DevCertificates.Issue(authority, ClusterTlsOptions.DefaultGatewayName, server: false, client: true, lifetime: TimeSpan.FromMinutes(-1));
        using var serverOnly = DevCertificates.Issue(authority, ClusterTlsOptions.DefaultSiloName, server: true, client: false);
        using var otherCa = DevCertificates.CreateAuthority("Another CA");
        using var foreignSilo = DevCertificates.Issue(otherCa, ClusterTlsOptions.DefaultSiloName, server: true, client: true);
        using var foreignGateway = DevCertificates.Issue(otherCa, ClusterTlsOptions.DefaultGatewayName, server: false, client: true);
        DevCertificates.WritePair(_directory, "silo", silo);
        using var certificates = ClusterCertificates.Load(Options("silo"));

        Assert.True(certificates.IsSilo(silo, null, peerIsClient: true));
        Assert.True(certificates.IsSilo(silo, null, peerIsClient: false));
        Assert.True(certificates.IsClient(gateway, null));

        Assert.False(certificates.IsSilo(gateway, null, peerIsClient: true));
        Assert.False(certificates.IsSilo(gateway, null, peerIsClient: false));
        Assert.False(certificates.IsClient(silo, null));
        Assert.False(certificates.IsSilo(serverOnly, null, peerIsClient: true));
        Assert.False(certificates.IsSilo(foreignSilo, null, peerIsClient: true));
        Assert.False(certificates.IsClient(foreignGateway, null));
        Assert.False(certificates.IsClient(expired, null));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private ClusterTlsOptions Options(string name) => new()
    {
        CertificatePath = Path.Combine(_directory, name + ".crt"),
        KeyPath = Path.Combine(_directory, name + ".key"),
        CaPath = Path.Combine(_directory, DevCertificates.CaFile),
    };

    private static Microsoft.Extensions.Options.ValidateOptionsResult Validate(ClusterTlsOptions options, string environment)
        => new ClusterTlsOptionsValidator(new Environment(environment)).Validate(null, options);

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "tests";

        public string ContentRootPath { get; set; } = "/";

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
