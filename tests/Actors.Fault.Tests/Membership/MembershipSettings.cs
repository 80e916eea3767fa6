using System.Globalization;
using System.Text.Json;
using Actors.Testing;
using Orleans.Configuration;

namespace Actors.Fault.Tests.Membership;

/// <summary>The membership settings a silo runs with: ours (appsettings.json) or Orleans' own defaults.</summary>
internal static class MembershipSettings
{
    /// <summary>
    /// Environment variables that put back Orleans' default for every key our appsettings.json sets under
    /// <c>Orleans:Membership</c>, so that a silo started with them runs exactly as Orleans would out of the box.
    /// </summary>
    public static IReadOnlyDictionary<string, string?> OrleansDefaults()
    {
        var defaults = new ClusterMembershipOptions();
        var environment = new Dictionary<string, string?>();
        foreach (var key in OurKeys())
        {
            var value = typeof(ClusterMembershipOptions).GetProperty(key)?.GetValue(defaults)
                ?? throw new InvalidOperationException($"Orleans:Membership:{key} in appsettings.json is not a ClusterMembershipOptions property");
            environment[$"Orleans__Membership__{key}"] = Convert.ToString(value, CultureInfo.InvariantCulture);
        }

        return environment;
    }

    /// <summary>The keys our appsettings.json sets under <c>Orleans:Membership</c>, with their values.</summary>
    public static IReadOnlyDictionary<string, string> Ours()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Repository.Path("silo", "Actors.Silo", "appsettings.json")));
        return json.RootElement.GetProperty("Orleans").GetProperty("Membership").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.ToString());
    }

    private static IEnumerable<string> OurKeys() => Ours().Keys;
}
