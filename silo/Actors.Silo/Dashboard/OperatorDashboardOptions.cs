using System.Net;

namespace Actors.Silo.Dashboard;

/// <summary>
/// The Orleans dashboard for operators. It has no authentication of its own and can show grain state (student data)
/// and a live log, so it has a listener of its own (<see cref="ListenAddress"/>:<see cref="Port"/>, never the silo's
/// HTTP port) and is served in one of two ways:
/// on loopback (the default), reachable from the host itself or through <c>kubectl port-forward</c>, behind the
/// operator login when <see cref="Username"/> and <see cref="PasswordHash"/> are set; or <b>exposed</b> on another
/// address, which needs the login, HTTPS (<see cref="CertificatePath"/>) and the host names it answers to
/// (<see cref="AllowedHosts"/>) — the silo refuses to start otherwise. Configuration section <see cref="SectionName"/>.
/// </summary>
public sealed class OperatorDashboardOptions
{
    /// <summary>Configuration section (environment: <c>Dashboard__Username</c>, ...).</summary>
    public const string SectionName = "Dashboard";

    /// <summary>Where the dashboard is served.</summary>
    public const string RoutePrefix = "/dashboard";

    /// <summary>Host names a loopback dashboard answers to: what a browser on the host or a port-forward sends (the listener is IPv4).</summary>
    public static readonly IReadOnlyList<string> LoopbackHosts = ["localhost", "127.0.0.1"];

    /// <summary>Serve the dashboard at all. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The operator's user name. Default none (no login: loopback only).</summary>
    public string? Username { get; set; }

    /// <summary>
    /// The operator's password hash (ASP.NET Core Identity's PBKDF2 format), made with
    /// <c>echo -n 'password' | dotnet Actors.Silo.dll hash-password</c>. Never the password itself, never logged.
    /// Default none.
    /// </summary>
    public string? PasswordHash { get; set; }

    /// <summary>Port of the dashboard's own listener. Default 8081.</summary>
    public int Port { get; set; } = 8081;

    /// <summary>
    /// Address of the dashboard's listener. Default <c>127.0.0.1</c>. Any other address (e.g. <c>0.0.0.0</c>) exposes
    /// it, which requires <see cref="Username"/>, <see cref="CertificatePath"/> and <see cref="AllowedHosts"/>.
    /// </summary>
    public string ListenAddress { get; set; } = "127.0.0.1";

    /// <summary>PEM certificate the listener serves HTTPS with (required when exposed, optional on loopback). Default none.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>PEM private key of <see cref="CertificatePath"/>. Default none.</summary>
    public string? KeyPath { get; set; }

    /// <summary>
    /// Host names (the <c>Host</c> header, port ignored) an exposed dashboard answers to, e.g.
    /// <c>dashboard.actors.example.org</c>; any other host gets 404, which defeats DNS rebinding. A loopback dashboard
    /// answers to <see cref="LoopbackHosts"/> as well. Default none.
    /// </summary>
    public List<string> AllowedHosts { get; set; } = [];

    /// <summary>Offer the live log (<c>/dashboard/Trace</c>), which shows whatever the silo logs. Default false.</summary>
    public bool ShowTrace { get; set; }

    /// <summary>Offer the grain state view (<c>/dashboard/GrainState</c>), which shows any grain's data. Default false.</summary>
    public bool ShowGrainState { get; set; }

    /// <summary>True when operator credentials are configured: the dashboard is then behind the login.</summary>
    public bool HasCredentials => !string.IsNullOrWhiteSpace(Username) && !string.IsNullOrWhiteSpace(PasswordHash);

    /// <summary>True when the listener serves HTTPS.</summary>
    public bool HasCertificate => !string.IsNullOrWhiteSpace(CertificatePath);

    /// <summary>True when the listener is on an address other than loopback (valid once the options are validated).</summary>
    public bool IsExposed => !IPAddress.TryParse(ListenAddress, out var address) || !IPAddress.IsLoopback(address);

    /// <summary>The host names the dashboard and its login answer to.</summary>
    public IReadOnlyList<string> Hosts => IsExposed ? AllowedHosts : [.. LoopbackHosts, .. AllowedHosts];
}
