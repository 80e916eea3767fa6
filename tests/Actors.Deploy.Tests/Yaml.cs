using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Actors.Deploy.Tests;

/// <summary>
/// A read-only view of a YAML node, navigated by key and index; merge keys (<c>&lt;&lt;: *anchor</c>) are followed, so a
/// compose service sees the settings it inherits.
/// </summary>
internal sealed class Yaml(YamlNode node, string path)
{
    public string Path { get; } = path;

    /// <summary>The child at <paramref name="key"/>; fails naming the path if there is none.</summary>
    public Yaml this[string key] => TryGet(key) ?? throw new KeyNotFoundException($"{Path}.{key} is missing");

    /// <summary>The item at <paramref name="index"/> of a sequence.</summary>
    public Yaml this[int index] => new(((YamlSequenceNode)node).Children[index], $"{Path}[{index}]");

    public Yaml? TryGet(string key)
    {
        if (node is not YamlMappingNode mapping)
        {
            throw new InvalidOperationException($"{Path} is not a mapping");
        }

        if (mapping.Children.TryGetValue(new YamlScalarNode(key), out var child))
        {
            return new Yaml(child, $"{Path}.{key}");
        }

        return mapping.Children.TryGetValue(new YamlScalarNode("<<"), out var merged) ? new Yaml(merged, Path).TryGet(key) : null;
    }

    public IEnumerable<Yaml> Items => ((YamlSequenceNode)node).Children.Select((n, i) => new Yaml(n, $"{Path}[{i}]"));

    /// <summary>Keys and values of a mapping (merged keys included).</summary>
    public IEnumerable<(string Key, Yaml Value)> Entries
    {
        get
        {
            var mapping = (YamlMappingNode)node;
            var own = mapping.Children.Where(c => ((YamlScalarNode)c.Key).Value != "<<")
                .Select(c => (((YamlScalarNode)c.Key).Value!, new Yaml(c.Value, $"{Path}.{((YamlScalarNode)c.Key).Value}")));
            var inherited = mapping.Children.TryGetValue(new YamlScalarNode("<<"), out var merged)
                ? new Yaml(merged, Path).Entries.Where(e => !mapping.Children.ContainsKey(new YamlScalarNode(e.Key)))
                : [];
            return own.Concat(inherited);
        }
    }

    public string Text => node is YamlScalarNode scalar ? scalar.Value ?? "" : throw new InvalidOperationException($"{Path} is not a scalar");

    public int Int => int.Parse(Text, CultureInfo.InvariantCulture);

    public override string ToString() => $"{Path} = {node}";
}
