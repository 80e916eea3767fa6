using Microsoft.AspNetCore.Routing.Patterns;

namespace Actors.Silo.Dashboard;

/// <summary>
/// Endpoint metadata marking a dashboard view that shows student data or logs: the grain state view and the live
/// trace. Attached to the endpoint by its route pattern when the dashboard is mapped, so the gate in
/// <see cref="OperatorDashboardExtensions"/> decides by the endpoint routing matched, never by the request's path text
/// (which routing matches case-insensitively, with or without a trailing slash, after decoding and dot segments).
/// </summary>
internal sealed record SensitiveDashboardView(string Name, string SettingKey)
{
    /// <summary>The grain state view (<c>/dashboard/GrainState</c>).</summary>
    public static readonly SensitiveDashboardView GrainState = new("grain state", $"{OperatorDashboardOptions.SectionName}:ShowGrainState");

    /// <summary>The live log (<c>/dashboard/Trace</c>).</summary>
    public static readonly SensitiveDashboardView Trace = new("trace", $"{OperatorDashboardOptions.SectionName}:ShowTrace");

    /// <summary>The view an endpoint with <paramref name="pattern"/> (prefix included) serves, or null for the others.</summary>
    public static SensitiveDashboardView? Of(RoutePattern pattern)
    {
        var literals = pattern.PathSegments.Select(s => s.IsSimple && s.Parts[0] is RoutePatternLiteralPart literal ? literal.Content : null).ToList();
        var prefix = OperatorDashboardOptions.RoutePrefix.Trim('/');
        if (literals.Count != 2 || !string.Equals(literals[0], prefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return literals[1] switch
        {
            { } last when last.Equals("GrainState", StringComparison.OrdinalIgnoreCase) => GrainState,
            { } last when last.Equals("Trace", StringComparison.OrdinalIgnoreCase) => Trace,
            _ => null,
        };
    }

    /// <summary>True when <paramref name="options"/> turn this view on.</summary>
    public bool IsShown(OperatorDashboardOptions options) => this == GrainState ? options.ShowGrainState : options.ShowTrace;
}
