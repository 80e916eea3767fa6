using System.Globalization;
using Actors.Silo.Shutdown;

namespace Actors.Deploy.Tests;

/// <summary>deploy/compose.yaml: the local cluster stops as gracefully as the Kubernetes one.</summary>
public sealed class ComposeFileTests
{
    [Fact]
    public void Every_silo_gets_more_time_to_stop_than_its_shutdown_budget_and_advertises_its_own_address()
    {
        var services = Manifests.Compose["services"].Entries.Where(s => s.Key.StartsWith("silo-", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, services.Count);
        foreach (var (name, silo) in services)
        {
            var environment = silo["environment"].Entries.ToDictionary(e => e.Key, e => e.Value.Text);
            var budget = TimeSpan.Parse(environment["Shutdown__Budget"], CultureInfo.InvariantCulture);
            var grace = TimeSpan.FromSeconds(int.Parse(silo["stop_grace_period"].Text.TrimEnd('s'), CultureInfo.InvariantCulture));

            Assert.Equal(new GracefulShutdownOptions().Budget, budget);
            Assert.True(grace > budget, $"{name}: stop_grace_period {grace.TotalSeconds} s must exceed Shutdown__Budget {budget.TotalSeconds} s");
            Assert.Equal(name, environment["Orleans__Name"]);
            Assert.Equal(silo["networks"]["actors"]["ipv4_address"].Text, environment["Orleans__Endpoints__AdvertisedIPAddress"]);
            Assert.Equal("8080", environment["Orleans__Endpoints__HttpPort"]);
        }
    }

    [Fact]
    public void The_gateway_listens_beyond_loopback_on_the_ports_it_publishes()
    {
        var gateway = Manifests.Compose["services"]["gateway"];
        var environment = gateway["environment"].Entries.ToDictionary(e => e.Key, e => e.Value.Text);

        Assert.Equal("0.0.0.0", environment["Gateway__ListenAddress"]);
        Assert.Equal("/tls/dev-signing-key.pub.pem", environment["Jwt__PublicKeyPaths__0"]);
        Assert.DoesNotContain("Jwt__SigningKey", environment.Keys);
        Assert.DoesNotContain("Jwt__AllowHmac", environment.Keys);
        Assert.Equal(
            [$"127.0.0.1:{environment["Gateway__GrpcPort"]}:{environment["Gateway__GrpcPort"]}", $"127.0.0.1:{environment["Gateway__HttpPort"]}:{environment["Gateway__HttpPort"]}"],
            gateway["ports"].Items.Select(p => p.Text));
    }

    [Fact]
    public void Silos_and_gateway_speak_tls_with_the_certificates_dev_certs_writes()
    {
        foreach (var (name, service) in Manifests.Compose["services"].Entries.Where(s => s.Key.StartsWith("silo-", StringComparison.Ordinal) || s.Key == "gateway"))
        {
            var environment = service["environment"].Entries.ToDictionary(e => e.Key, e => e.Value.Text);
            var file = name == "gateway" ? "gateway" : "silo";

            Assert.Equal($"/tls/{file}.crt", environment["ClusterTls__CertificatePath"]);
            Assert.Equal($"/tls/{file}.key", environment["ClusterTls__KeyPath"]);
            Assert.Equal("/tls/ca.crt", environment["ClusterTls__CaPath"]);
            Assert.DoesNotContain("ClusterTls__Disabled", environment.Keys);
            Assert.Contains("./.certs:/tls:ro", service["volumes"].Items.Select(v => v.Text));
        }
    }

    [Fact]
    public void Silos_verify_the_tokens_the_gateway_trusts_and_only_they_hold_the_service_key()
    {
        var services = Manifests.Compose["services"].Entries
            .Where(e => e.Key == "gateway" || e.Key.StartsWith("silo-", StringComparison.Ordinal))
            .ToDictionary(e => e.Key, e => e.Value["environment"].Entries.ToDictionary(v => v.Key, v => v.Value.Text));
        var gateway = services["gateway"];

        Assert.Equal(4, services.Count);
        foreach (var (_, environment) in services.Where(s => s.Key != "gateway"))
        {
            Assert.Equal(gateway["Jwt__PublicKeyPaths__0"], environment["Jwt__PublicKeyPaths__0"]);
            Assert.StartsWith("/tls/", environment["CallerVerification__ServiceKeyPath"], StringComparison.Ordinal);
        }

        Assert.DoesNotContain(gateway.Keys, k => k.StartsWith("CallerVerification__", StringComparison.Ordinal));
    }
}
