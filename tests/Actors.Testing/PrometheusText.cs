using System.Globalization;

namespace Actors.Testing;

/// <summary>Reads values out of a Prometheus text exposition (what <c>/metrics</c> returns).</summary>
public static class PrometheusText
{
    /// <summary>
    /// The sum of the samples of <paramref name="metric"/> whose labels contain <paramref name="labelFilter"/> (e.g.
    /// <c>cause="connection"</c>); 0 when there are none.
    /// </summary>
    public static double Sum(string exposition, string metric, string labelFilter = "")
        => exposition.Split('\n')
            .Where(line => (line.StartsWith(metric + "{", StringComparison.Ordinal) || line.StartsWith(metric + " ", StringComparison.Ordinal))
                           && line.Contains(labelFilter, StringComparison.Ordinal))
            .Sum(line => double.Parse(line[(line.LastIndexOf('}') is var brace and >= 0 ? brace + 1 : metric.Length)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture));

    /// <summary>True when the exposition has at least one sample of <paramref name="metric"/>.</summary>
    public static bool Has(string exposition, string metric)
        => exposition.Split('\n').Any(line => line.StartsWith(metric + "{", StringComparison.Ordinal) || line.StartsWith(metric + " ", StringComparison.Ordinal));
}
