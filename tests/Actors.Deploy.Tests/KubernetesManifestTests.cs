using System.Globalization;
using System.Text.RegularExpressions;
using Actors.Silo.Health;
using Actors.Silo.Hosting;
using Actors.Silo.Shutdown;
using Npgsql;

namespace Actors.Deploy.Tests;

/// <summary>
/// The values of deploy/kubernetes that the silo's graceful shutdown depends on: a grace period inside the 2-minute spot
/// notice and above preStop plus the shutdown budget, the budget the silo really runs with, disruption budgets that
/// select real pods, probes on real paths and ports, Orleans' Kubernetes hosting, and CockroachDB's drain.
/// </summary>
public sealed partial class KubernetesManifestTests
{
    /// <summary>How much notice a cloud gives before reclaiming a spot machine.</summary>
    private static readonly TimeSpan SpotNotice = TimeSpan.FromMinutes(2);

    private static Yaml SiloPod => Manifests.Object("Deployment", "actors-silo")["spec"]["template"];

    private static Yaml SiloContainer => SiloPod["spec"]["containers"].Items.Single(c => c["name"].Text == "silo");

    private static IReadOnlyDictionary<string, string?> SiloEnvironment => Manifests.Environment(SiloContainer);

    [Fact]
    public void The_silo_grace_period_is_inside_the_spot_notice_and_above_prestop_plus_the_shutdown_budget()
    {
        var grace = TimeSpan.FromSeconds(SiloPod["spec"]["terminationGracePeriodSeconds"].Int);
        var preStop = TimeSpan.FromSeconds(Manifests.PreStopSeconds(SiloContainer));
        var budget = TimeSpan.Parse(SiloEnvironment["Shutdown__Budget"]!, CultureInfo.InvariantCulture);

        Assert.True(grace < SpotNotice, $"terminationGracePeriodSeconds {grace.TotalSeconds} s must be under the {SpotNotice.TotalSeconds} s notice");
        Assert.True(grace > preStop + budget, $"terminationGracePeriodSeconds {grace.TotalSeconds} s must exceed preStop {preStop.TotalSeconds} s + Shutdown__Budget {budget.TotalSeconds} s, or SIGKILL cuts the shutdown short");
    }

    [Fact]
    public void The_shutdown_budget_in_the_manifest_is_the_silo_default_and_appsettings_value()
    {
        var defaults = new GracefulShutdownOptions();
        var appsettings = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Actors.Testing.Repository.Path("silo", "Actors.Silo", "appsettings.json")))
            .RootElement.GetProperty("Shutdown");

        Assert.Equal(defaults.Budget, TimeSpan.Parse(SiloEnvironment["Shutdown__Budget"]!, CultureInfo.InvariantCulture));
        Assert.Equal(defaults.GrainDeactivationTimeout, TimeSpan.Parse(SiloEnvironment["Shutdown__GrainDeactivationTimeout"]!, CultureInfo.InvariantCulture));
        Assert.Equal(defaults.Budget, TimeSpan.Parse(appsettings.GetProperty("Budget").GetString()!, CultureInfo.InvariantCulture));
        Assert.Equal(defaults.GrainDeactivationTimeout, TimeSpan.Parse(appsettings.GetProperty("GrainDeactivationTimeout").GetString()!, CultureInfo.InvariantCulture));
        Assert.True(defaults.Budget <= GracefulShutdownOptions.MaxBudget);
    }

    [Fact]
    public void Every_disruption_budget_selects_the_pods_of_exactly_one_workload()
    {
        var budgets = Manifests.Objects.Where(o => o["kind"].Text == "PodDisruptionBudget").ToList();
        Assert.Equal(["actors-gateway", "actors-silo", "cockroachdb"], budgets.Select(b => b["metadata"]["name"].Text).Order());
        foreach (var budget in budgets)
        {
            var selector = budget["spec"]["selector"]["matchLabels"].Entries.ToDictionary(e => e.Key, e => e.Value.Text);
            var selected = Manifests.Workloads.Where(w => Selects(selector, w["spec"]["template"]["metadata"]["labels"])).ToList();

            var workload = Assert.Single(selected);
            Assert.Equal(budget["metadata"]["name"].Text, workload["metadata"]["name"].Text);
            Assert.Equal(1, budget["spec"]["maxUnavailable"].Int);
            Assert.True(workload["spec"]["replicas"].Int > 1, $"{budget.Path}: a disruption budget of one pod out of one stops every drain");
        }
    }

    [Fact]
    public void Every_workload_selector_matches_its_own_pod_labels()
    {
        foreach (var workload in Manifests.Workloads)
        {
            var selector = workload["spec"]["selector"]["matchLabels"].Entries.ToDictionary(e => e.Key, e => e.Value.Text);
            Assert.True(Selects(selector, workload["spec"]["template"]["metadata"]["labels"]), $"{workload.Path}: the selector does not match the template's labels");
        }
    }

    [Fact]
    public void Silo_probes_point_at_its_health_endpoints_on_its_http_port()
    {
        var httpPort = int.Parse(SiloEnvironment["Orleans__Endpoints__HttpPort"]!, CultureInfo.InvariantCulture);
        Assert.Equal(httpPort, Manifests.Port(SiloContainer, "http"));

        Assert.Equal(SiloHealthExtensions.ReadyPath, SiloContainer["readinessProbe"]["httpGet"]["path"].Text);
        Assert.Equal(SiloHealthExtensions.LivePath, SiloContainer["livenessProbe"]["httpGet"]["path"].Text);
        Assert.Equal(SiloHealthExtensions.LivePath, SiloContainer["startupProbe"]["httpGet"]["path"].Text);
        foreach (var probe in new[] { "readinessProbe", "livenessProbe", "startupProbe" })
        {
            Assert.Equal(httpPort, Manifests.ProbePort(SiloContainer, SiloContainer[probe]));
        }

        Assert.Equal(httpPort.ToString(CultureInfo.InvariantCulture), SiloPod["metadata"]["annotations"]["prometheus.io/port"].Text);
        Assert.Equal(Actors.Silo.Observability.SiloMetricsExtensions.MetricsPath, SiloPod["metadata"]["annotations"]["prometheus.io/path"].Text);
        Assert.Equal(int.Parse(SiloEnvironment["Orleans__Endpoints__SiloPort"]!, CultureInfo.InvariantCulture), Manifests.Port(SiloContainer, "silo"));
        Assert.Equal(int.Parse(SiloEnvironment["Orleans__Endpoints__GatewayPort"]!, CultureInfo.InvariantCulture), Manifests.Port(SiloContainer, "gateway"));
    }

    [Fact]
    public void Gateway_probes_point_at_its_health_endpoints_on_its_http_port_and_the_service_at_its_grpc_port()
    {
        var pod = Manifests.Object("Deployment", "actors-gateway")["spec"]["template"];
        var container = pod["spec"]["containers"][0];
        var environment = Manifests.Environment(container);
        var httpPort = int.Parse(environment["Gateway__HttpPort"]!, CultureInfo.InvariantCulture);
        var grpcPort = int.Parse(environment["Gateway__GrpcPort"]!, CultureInfo.InvariantCulture);

        Assert.Equal((5080, 5081), (grpcPort, httpPort));
        // The gateway listens on loopback unless told otherwise.
        Assert.Equal("0.0.0.0", environment["Gateway__ListenAddress"]);
        Assert.Equal("/health/ready", container["readinessProbe"]["httpGet"]["path"].Text);
        Assert.Equal("/health/live", container["livenessProbe"]["httpGet"]["path"].Text);
        Assert.Equal(httpPort, Manifests.ProbePort(container, container["readinessProbe"]));
        Assert.Equal(httpPort, Manifests.ProbePort(container, container["livenessProbe"]));
        Assert.Equal(grpcPort, Manifests.Port(container, "grpc"));

        var grace = TimeSpan.FromSeconds(pod["spec"]["terminationGracePeriodSeconds"].Int);
        Assert.True(grace < SpotNotice && grace > TimeSpan.FromSeconds(Manifests.PreStopSeconds(container)));
        Assert.Equal("grpc", Manifests.Object("Service", "actors-gateway")["spec"]["ports"][0]["targetPort"].Text);
    }

    [Fact]
    public void Orleans_kubernetes_hosting_has_its_labels_ids_and_permissions()
    {
        var labels = SiloPod["metadata"]["labels"];
        Assert.Equal("true", SiloEnvironment[ActorsSiloHostingExtensions.KubernetesKey.Replace(":", "__", StringComparison.Ordinal)]);
        Assert.Equal(SiloEnvironment["Orleans__ServiceId"], SiloEnvironment["ORLEANS_SERVICE_ID"]);
        Assert.Equal(SiloEnvironment["Orleans__ClusterId"], SiloEnvironment["ORLEANS_CLUSTER_ID"]);
        Assert.Equal(SiloEnvironment["ORLEANS_SERVICE_ID"], labels["orleans/serviceId"].Text);
        Assert.Equal(SiloEnvironment["ORLEANS_CLUSTER_ID"], labels["orleans/clusterId"].Text);
        Assert.Equal("$(POD_IP)", SiloEnvironment["Orleans__Endpoints__AdvertisedIPAddress"]);
        foreach (var (variable, field) in new[] { ("POD_NAME", "metadata.name"), ("POD_NAMESPACE", "metadata.namespace"), ("POD_IP", "status.podIP") })
        {
            Assert.Equal(field, SiloContainer["env"].Items.Single(e => e["name"].Text == variable)["valueFrom"]["fieldRef"]["fieldPath"].Text);
        }

        var account = SiloPod["spec"]["serviceAccountName"].Text;
        var binding = Manifests.Object("RoleBinding", "actors-silo");
        Assert.Contains(binding["subjects"].Items, s => s["kind"].Text == "ServiceAccount" && s["name"].Text == account);
        var role = Manifests.Object("Role", binding["roleRef"]["name"].Text);
        var podRule = role["rules"].Items.Single(r => r["resources"].Items.Any(i => i.Text == "pods"));
        Assert.Superset(new HashSet<string> { "get", "list", "watch", "patch", "delete" }, podRule["verbs"].Items.Select(v => v.Text).ToHashSet());
    }

    [Fact]
    public void Silos_and_database_nodes_run_on_the_spot_pool_spread_over_nodes()
    {
        foreach (var pod in new[] { SiloPod, Manifests.Object("StatefulSet", "cockroachdb")["spec"]["template"] })
        {
            var spec = pod["spec"];
            Assert.Contains(spec["tolerations"].Items, t => t["key"].Text == "actors/capacity" && t["value"].Text == "spot" && t["effect"].Text == "NoSchedule");
            var required = spec["affinity"]["nodeAffinity"]["requiredDuringSchedulingIgnoredDuringExecution"]["nodeSelectorTerms"][0]["matchExpressions"][0];
            Assert.Equal(("actors/capacity", "In", "spot"), (required["key"].Text, required["operator"].Text, required["values"][0].Text));
        }

        Assert.Contains(SiloPod["spec"]["topologySpreadConstraints"].Items, c => c["topologyKey"].Text == "kubernetes.io/hostname");
        Assert.Equal("kubernetes.io/hostname", Manifests.Object("StatefulSet", "cockroachdb")["spec"]["template"]["spec"]["affinity"]["podAntiAffinity"]["requiredDuringSchedulingIgnoredDuringExecution"][0]["topologyKey"].Text);
    }

    [Fact]
    public void CockroachDB_has_3_nodes_whose_drain_fits_their_grace_period_and_pools_retire_connections_before_a_drain_cuts_them()
    {
        var cockroach = Manifests.Object("StatefulSet", "cockroachdb");
        Assert.Equal(3, cockroach["spec"]["replicas"].Int);

        var settings = DrainSettings();
        var drain = settings["server.shutdown.initial_wait"] + settings["server.shutdown.connections.timeout"]
                    + settings["server.shutdown.transactions.timeout"] + settings["server.shutdown.lease_transfer_iteration.timeout"];
        var grace = TimeSpan.FromSeconds(cockroach["spec"]["template"]["spec"]["terminationGracePeriodSeconds"].Int);
        Assert.True(grace < SpotNotice, $"CockroachDB's grace period {grace.TotalSeconds} s must be under the spot notice");
        Assert.True(grace > drain, $"CockroachDB's grace period {grace.TotalSeconds} s must exceed its drain ({drain.TotalSeconds} s)");
        Assert.Equal("/health?ready=1", cockroach["spec"]["template"]["spec"]["containers"][0]["readinessProbe"]["httpGet"]["path"].Text);

        foreach (var deployment in new[] { "actors-silo", "actors-gateway" })
        {
            var container = Manifests.Object("Deployment", deployment)["spec"]["template"]["spec"]["containers"][0];
            var connection = new NpgsqlConnectionStringBuilder(Manifests.Environment(container)["ConnectionStrings__Actors"]);
            Assert.Equal("cockroachdb-public", connection.Host);
            Assert.True(TimeSpan.FromSeconds(connection.ConnectionLifetime) < settings["server.shutdown.connections.timeout"], $"{deployment}: Connection Lifetime must be below server.shutdown.connections.timeout");
            Assert.True(TimeSpan.FromSeconds(connection.ConnectionIdleLifetime) < settings["server.shutdown.connections.timeout"], $"{deployment}: Connection Idle Lifetime must be below server.shutdown.connections.timeout");
            Assert.InRange(connection.Timeout, 1, 10);
        }
    }

    /// <summary>The <c>server.shutdown.*</c> cluster settings the init job applies.</summary>
    internal static Dictionary<string, TimeSpan> DrainSettings()
    {
        var script = string.Join('\n', Manifests.Object("Job", "cockroachdb-init")["spec"]["template"]["spec"]["containers"][0]["command"].Items.Select(i => i.Text));
        return ShutdownSetting().Matches(script).ToDictionary(
            m => m.Groups["name"].Value,
            m => TimeSpan.FromSeconds(int.Parse(m.Groups["seconds"].Value, CultureInfo.InvariantCulture)));
    }

    private static bool Selects(Dictionary<string, string> selector, Yaml labels)
        => selector.All(s => labels.TryGet(s.Key)?.Text == s.Value);

    [GeneratedRegex(@"SET CLUSTER SETTING (?<name>server\.shutdown\.[a-z_.]+) = '(?<seconds>\d+)s'")]
    private static partial Regex ShutdownSetting();
}
