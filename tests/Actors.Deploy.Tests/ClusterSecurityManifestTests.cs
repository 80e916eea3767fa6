using Actors.Security.Tls;

namespace Actors.Deploy.Tests;

/// <summary>
/// deploy/kubernetes closes the cluster: silos and gateway mount their TLS certificates from secrets and point the
/// <see cref="ClusterTlsOptions"/> settings at them, nothing turns TLS off, and the network policy lets only silos reach
/// the silo port and only gateway pods the silos' gateway port.
/// </summary>
public sealed class ClusterSecurityManifestTests
{
    private const string Silo = "actors-silo";
    private const string Gateway = "actors-gateway";

    [Theory]
    [InlineData(Silo, "actors-cluster-tls-silo")]
    [InlineData(Gateway, "actors-cluster-tls-gateway")]
    public void Silos_and_gateway_read_their_certificates_from_a_mounted_secret_and_never_disable_tls(string deployment, string secret)
    {
        var pod = Pod(deployment);
        var container = pod["spec"]["containers"][0];
        var environment = Manifests.Environment(container);
        var volume = pod["spec"]["volumes"].Items.Single(v => v.TryGet("secret")?["secretName"].Text == secret);
        var mount = container["volumeMounts"].Items.Single(m => m["name"].Text == volume["name"].Text)["mountPath"].Text;

        Assert.Equal($"{mount}/tls.crt", environment["ClusterTls__CertificatePath"]);
        Assert.Equal($"{mount}/tls.key", environment["ClusterTls__KeyPath"]);
        Assert.Equal($"{mount}/ca.crt", environment["ClusterTls__CaPath"]);
        Assert.DoesNotContain("ClusterTls__Disabled", environment.Keys);

        // The key is readable by the pod's non-root user through fsGroup, by nobody else.
        var security = pod["spec"]["securityContext"];
        Assert.Equal("true", security["runAsNonRoot"].Text);
        Assert.Equal(security["runAsGroup"].Text, security["fsGroup"].Text);
        Assert.Equal("0440", volume["secret"]["defaultMode"].Text);
    }

    [Fact]
    public void Only_silos_reach_the_silo_port_and_only_gateway_pods_the_silos_gateway_port()
    {
        var policy = Manifests.Objects.Single(o => o["kind"].Text == "NetworkPolicy" && Selects(o["spec"]["podSelector"], Pod(Silo)));
        var siloContainer = Pod(Silo)["spec"]["containers"][0];
        Assert.Contains("Ingress", policy["spec"]["policyTypes"].Items.Select(t => t.Text));

        var rules = policy["spec"]["ingress"].Items.ToList();
        Assert.All(rules, rule => Assert.NotNull(rule.TryGet("ports"))); // a rule without ports would open every port
        Assert.All(rules, rule => Assert.NotNull(rule.TryGet("from")));  // ... and one without sources, to everyone

        var siloPortRules = rules.Where(r => Opens(r, siloContainer, "silo")).ToList();
        var gatewayPortRules = rules.Where(r => Opens(r, siloContainer, "gateway")).ToList();
        Assert.Equal(Silo, Assert.Single(Assert.Single(siloPortRules)["from"].Items)["podSelector"]["matchLabels"]["app.kubernetes.io/name"].Text);
        Assert.Equal(Gateway, Assert.Single(Assert.Single(gatewayPortRules)["from"].Items)["podSelector"]["matchLabels"]["app.kubernetes.io/name"].Text);

        // The selectors pick the real pods: the silos' own and the gateway's labels.
        Assert.True(Selects(Assert.Single(siloPortRules)["from"][0]["podSelector"], Pod(Silo)));
        Assert.True(Selects(Assert.Single(gatewayPortRules)["from"][0]["podSelector"], Pod(Gateway)));
        Assert.False(Selects(Assert.Single(siloPortRules)["from"][0]["podSelector"], Pod(Gateway)));
        Assert.False(Selects(Assert.Single(gatewayPortRules)["from"][0]["podSelector"], Pod(Silo)));
        Assert.Contains("network-policy.yaml", File.ReadAllText(Actors.Testing.Repository.Path("deploy", "kubernetes", "kustomization.yaml")));
    }

    [Fact]
    public void The_gateway_verifies_tokens_from_an_https_authority_and_hmac_stays_off_everywhere()
    {
        var identity = Manifests.Object("ConfigMap", "actors-identity")["data"].Entries.ToDictionary(e => e.Key, e => e.Value.Text);
        var gateway = Pod(Gateway)["spec"]["containers"][0];

        Assert.Contains(gateway["envFrom"].Items, e => e["configMapRef"]["name"].Text == "actors-identity");
        Assert.StartsWith("https://", identity["Jwt__Authority"], StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(identity["Jwt__Issuer"]));
        Assert.False(string.IsNullOrWhiteSpace(identity["Jwt__Audience"]));
        Assert.True(TimeSpan.Parse(identity["Jwt__MaxLifetime"], System.Globalization.CultureInfo.InvariantCulture) <= TimeSpan.FromHours(12));
        foreach (var container in Manifests.Workloads.SelectMany(w => w["spec"]["template"]["spec"]["containers"].Items))
        {
            var names = (container.TryGet("env")?.Items ?? []).Select(e => e["name"].Text).ToList();
            Assert.DoesNotContain("Jwt__AllowHmac", names);
            Assert.DoesNotContain("Jwt__SigningKey", names);
        }

        Assert.DoesNotContain("Jwt__AllowHmac", identity.Keys);
        Assert.DoesNotContain("Jwt__SigningKey", identity.Keys);
    }

    [Fact]
    public void Silos_verify_callers_with_the_gateways_identity_settings_and_a_service_key_only_they_mount()
    {
        var silo = Pod(Silo);
        var container = silo["spec"]["containers"][0];
        var environment = Manifests.Environment(container);
        var volume = silo["spec"]["volumes"].Items.Single(v => v.TryGet("secret")?["secretName"].Text == "actors-service-key");
        var mount = container["volumeMounts"].Items.Single(m => m["name"].Text == volume["name"].Text)["mountPath"].Text;

        Assert.Contains(container["envFrom"].Items, e => e["configMapRef"]["name"].Text == "actors-identity");
        Assert.Equal($"{mount}/{Assert.Single(volume["secret"]["items"].Items)["path"].Text}", environment["CallerVerification__ServiceKeyPath"]);
        Assert.DoesNotContain("CallerVerification__ServiceKey", environment.Keys);
        Assert.Equal("0440", volume["secret"]["defaultMode"].Text);

        // Whoever holds the service key can vouch for any caller: no other workload gets it.
        foreach (var other in Manifests.Workloads.Where(w => w["metadata"]["name"].Text != Silo))
        {
            var spec = other["spec"]["template"]["spec"];
            Assert.DoesNotContain(spec.TryGet("volumes")?.Items ?? [], v => v.TryGet("secret")?["secretName"].Text == "actors-service-key");
            Assert.All(spec["containers"].Items, c => Assert.DoesNotContain(Manifests.Environment(c).Keys, k => k.StartsWith("CallerVerification__", StringComparison.Ordinal)));
        }
    }

    private static Yaml Pod(string deployment) => Manifests.Object("Deployment", deployment)["spec"]["template"];

    private static bool Selects(Yaml selector, Yaml pod)
    {
        var labels = pod["metadata"]["labels"].Entries.ToDictionary(e => e.Key, e => e.Value.Text);
        return selector["matchLabels"].Entries.All(e => labels.TryGetValue(e.Key, out var value) && value == e.Value.Text);
    }

    // A rule's port names a container port by name or number.
    private static bool Opens(Yaml rule, Yaml container, string portName)
        => rule["ports"].Items.Any(p => p["port"].Text == portName || p["port"].Text == Manifests.Port(container, portName).ToString(System.Globalization.CultureInfo.InvariantCulture));
}
