using Actors.Testing;
using YamlDotNet.RepresentationModel;

namespace Actors.Deploy.Tests;

/// <summary>The Kubernetes objects of <c>deploy/kubernetes/*.yaml</c> and the compose file, parsed.</summary>
internal static class Manifests
{
    /// <summary>Every Kubernetes object in deploy/kubernetes (the kustomization excluded).</summary>
    public static IReadOnlyList<Yaml> Objects { get; } = LoadObjects();

    /// <summary>deploy/compose.yaml.</summary>
    public static Yaml Compose { get; } = Load(Repository.Path("deploy", "compose.yaml")).Single();

    public static Yaml Object(string kind, string name)
        => Objects.SingleOrDefault(o => o["kind"].Text == kind && o["metadata"]["name"].Text == name)
           ?? throw new KeyNotFoundException($"no {kind} {name} in deploy/kubernetes");

    /// <summary>Deployments and StatefulSets.</summary>
    public static IEnumerable<Yaml> Workloads => Objects.Where(o => o["kind"].Text is "Deployment" or "StatefulSet");

    /// <summary>The environment of a container as name → value (only literal values; references map to null).</summary>
    public static IReadOnlyDictionary<string, string?> Environment(Yaml container)
        => (container.TryGet("env")?.Items ?? []).ToDictionary(e => e["name"].Text, e => e.TryGet("value")?.Text);

    /// <summary>The container port called <paramref name="name"/>.</summary>
    public static int Port(Yaml container, string name)
        => container["ports"].Items.Single(p => p["name"].Text == name)["containerPort"].Int;

    /// <summary>A probe's port as a number (it may name a container port).</summary>
    public static int ProbePort(Yaml container, Yaml probe)
    {
        var port = probe["httpGet"]["port"].Text;
        return int.TryParse(port, out var number) ? number : Port(container, port);
    }

    /// <summary>Seconds a preStop hook sleeps (<c>exec: [sleep, N]</c>, or the <c>sleep</c> action).</summary>
    public static int PreStopSeconds(Yaml container)
    {
        var preStop = container["lifecycle"]["preStop"];
        if (preStop.TryGet("sleep") is { } sleep)
        {
            return sleep["seconds"].Int;
        }

        var command = preStop["exec"]["command"].Items.Select(i => i.Text).ToList();
        Assert.Equal("sleep", command[0]);
        return int.Parse(command[1], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static List<Yaml> LoadObjects()
        => [.. Directory.GetFiles(Repository.Path("deploy", "kubernetes"), "*.yaml")
            .Where(f => System.IO.Path.GetFileName(f) != "kustomization.yaml")
            .OrderBy(f => f, StringComparer.Ordinal)
            .SelectMany(Load)];

    private static IEnumerable<Yaml> Load(string file)
    {
        var stream = new YamlStream();
        using (var reader = File.OpenText(file))
        {
            stream.Load(reader);
        }

        return stream.Documents.Select((d, i) => new Yaml(d.RootNode, $"{System.IO.Path.GetFileName(file)}#{i}"));
    }
}
