namespace Actors.Silo.Dashboard;

/// <summary>
/// The Orleans dashboard for operators. It has no authentication of its own and can show grain state (student data)
/// and a live log, so it is served in one of two ways:
/// with <see cref="Username"/> and <see cref="PasswordHash"/> set, on the silo's HTTP port behind a cookie login
/// (role <c>operator</c>); without them, only on a loopback listener (<see cref="LoopbackPort"/>), reachable from the
/// host itself or through <c>kubectl port-forward</c>. Configuration section <see cref="SectionName"/>.
/// </summary>
public sealed class OperatorDashboardOptions
{
    /// <summary>Configuration section (environment: <c>Dashboard__Username</c>, ...).</summary>
    public const string SectionName = "Dashboard";

    /// <summary>Where the dashboard is served.</summary>
    public const string RoutePrefix = "/dashboard";

    /// <summary>Serve the dashboard at all. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The operator's user name. Default none (loopback-only dashboard).</summary>
    public string? Username { get; set; }

    /// <summary>
    /// The operator's password hash (ASP.NET Core Identity's PBKDF2 format), made with
    /// <c>echo -n 'password' | dotnet Actors.Silo.dll hash-password</c>. Never the password itself, never logged.
    /// Default none.
    /// </summary>
    public string? PasswordHash { get; set; }

    /// <summary>Loopback-only port of the dashboard when no credentials are configured. Default 8081.</summary>
    public int LoopbackPort { get; set; } = 8081;

    /// <summary>Offer the live log (<c>/dashboard/Trace</c>), which shows whatever the silo logs. Default false.</summary>
    public bool ShowTrace { get; set; }

    /// <summary>Offer the grain state view (<c>/dashboard/GrainState</c>), which shows any grain's data. Default false.</summary>
    public bool ShowGrainState { get; set; }

    /// <summary>True when operator credentials are configured: the dashboard is then behind the login.</summary>
    public bool HasCredentials => !string.IsNullOrWhiteSpace(Username) && !string.IsNullOrWhiteSpace(PasswordHash);
}
