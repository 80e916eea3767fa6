using System.Reflection;
using System.Text.RegularExpressions;
using Actors.Clustering.CockroachDb.Membership;
using Orleans.Runtime.MembershipService;

namespace Actors.Clustering.Tests;

/// <summary>The project's clustering script as the tests look at it.</summary>
internal static partial class ClusteringScript
{
    /// <summary>The script without its <c>--</c> comments (which may name the constructs it avoids); no query text contains "--".</summary>
    public static string Code { get; } = LineComment().Replace(ClusteringSchema.Script, string.Empty);

    /// <summary>
    /// The query keys the ADO.NET clustering assembly of the referenced Orleans version requires: the properties of its
    /// internal <c>DbStoredQueries</c>, whose constructor refuses to start when one is missing from <c>OrleansQuery</c>.
    /// </summary>
    public static IReadOnlyList<string> RequiredQueryKeys { get; } =
        typeof(AdoNetClusteringTable).Assembly
            .GetType("Orleans.Clustering.AdoNet.Storage.DbStoredQueries", throwOnError: true)!
            .GetProperties(BindingFlags.Instance | BindingFlags.NonPublic)
            .Where(p => p.PropertyType == typeof(string))
            .Select(p => p.Name)
            .Order(StringComparer.Ordinal)
            .ToArray();

    /// <summary>
    /// Keys Orleans 10.4 reads when present and does without otherwise; found in the provider's IL
    /// (<c>DbStoredQueries.GetCleanupDefunctSiloEntryQuery</c>), since no property lists them.
    /// </summary>
    public static IReadOnlyList<string> OptionalQueryKeys { get; } = ["CleanupDefunctSiloEntryKey"];

    /// <summary>Every key the script stores, in ordinal order.</summary>
    public static IReadOnlyList<string> AllQueryKeys { get; } = [.. RequiredQueryKeys.Concat(OptionalQueryKeys).Order(StringComparer.Ordinal)];

    [GeneratedRegex("--[^\n]*")]
    private static partial Regex LineComment();
}
