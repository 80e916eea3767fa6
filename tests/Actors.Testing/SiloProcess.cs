using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Reflection;

namespace Actors.Testing;

/// <summary>
/// The silo host (<c>Actors.Silo.dll</c>) running as a process of its own, configured through environment variables
/// exactly as in a deployment, so a test can crash it for real (SIGKILL), stop it as an orchestrator does (SIGTERM),
/// freeze it (SIGSTOP) or, in a <see cref="NetworkNamespace"/>, cut it off the network. Every port is a free port of its own.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly HostProcess _process;

    private SiloProcess(HostProcess process, string name, IPAddress address, int siloPort, int gatewayPort, int httpPort, int dashboardPort)
    {
        _process = process;
        Name = name;
        Address = address;
        SiloPort = siloPort;
        GatewayPort = gatewayPort;
        HttpPort = httpPort;
        DashboardPort = dashboardPort;
    }

    /// <summary>The silo's name (<c>Orleans:Name</c>), as the membership table records it.</summary>
    public string Name { get; }

    /// <summary>Where this machine reaches the silo's ports: loopback, or its address in a <see cref="NetworkNamespace"/>.</summary>
    public IPAddress Address { get; }

    public int SiloPort { get; }

    public int GatewayPort { get; }

    /// <summary>Health, metrics and (with operator credentials) the dashboard.</summary>
    public int HttpPort { get; }

    /// <summary>The dashboard's own listener (loopback unless the test exposes it).</summary>
    public int DashboardPort { get; }

    public int ProcessId => _process.ProcessId;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Everything the process wrote to stdout and stderr so far.</summary>
    public string Output => _process.Output;

    /// <summary>The silo built next to the calling test project, in the same configuration (Debug or Release).</summary>
    public static string SiloAssemblyPath { get; } = BuiltAssembly("silo", "Actors.Silo");

    /// <summary>A URL on the silo's HTTP port.</summary>
    public Uri Http(string path) => new($"http://{Address}:{HttpPort}{path}");

    /// <summary>GETs <paramref name="path"/> on the silo's HTTP port (redirects not followed); status and body.</summary>
    public Task<(int Status, string Body)> GetAsync(string path) => HostProcess.GetAsync(Http(path));

    /// <summary>
    /// Starts a silo named <paramref name="name"/> on free ports. <paramref name="environment"/> adds or, with a null
    /// value, removes variables (the connection string among them). The process runs in
    /// <paramref name="workingDirectory"/>, by default the repository root, as <c>scripts/run-local.sh</c> runs it: not the
    /// silo's own folder, so that a silo which looked for its settings in the working directory would show it.
    /// In <paramref name="network"/> the silo is a host of its own: it advertises (and listens on) the namespace's address.
    /// </summary>
    public static SiloProcess Start(
        string name, IReadOnlyDictionary<string, string?> environment, string? workingDirectory = null, NetworkNamespace? network = null)
    {
        int siloPort = FreePort(), gatewayPort = FreePort(), httpPort = FreePort(), dashboardPort = FreePort();
        var (fileName, arguments) = network?.Wrap("dotnet", SiloAssemblyPath) ?? ("dotnet", [SiloAssemblyPath]);
        var start = new ProcessStartInfo(fileName, arguments) { WorkingDirectory = workingDirectory ?? Repository.Root };
        var all = new Dictionary<string, string?>
        {
            ["Orleans__Name"] = name,
            ["Orleans__Endpoints__SiloPort"] = Text(siloPort),
            ["Orleans__Endpoints__GatewayPort"] = Text(gatewayPort),
            ["Orleans__Endpoints__HttpPort"] = Text(httpPort),
            ["Dashboard__Port"] = Text(dashboardPort),
            ["ASPNETCORE_URLS"] = null,
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["ConnectionStrings__Actors"] = null,
        };
        foreach (var (key, value) in Callers.TestCallerIdentity.SiloEnvironment)
        {
            all[key] = value;
        }
        if (network is not null)
        {
            all["Orleans__Endpoints__AdvertisedIPAddress"] = network.InnerAddress.ToString();
        }

        foreach (var (key, value) in environment)
        {
            all[key] = value;
        }

        var process = HostProcess.Start(start, all);
        return new SiloProcess(process, name, network?.InnerAddress ?? IPAddress.Loopback, siloPort, gatewayPort, httpPort, dashboardPort);
    }

    /// <summary>A crash: SIGKILL, no chance to tell anyone.</summary>
    public void Crash() => _process.Kill();

    /// <summary>What an orchestrator does first: SIGTERM, which the host turns into a graceful silo shutdown.</summary>
    public void Terminate() => _process.Signal("TERM");

    /// <summary>SIGSTOP: the process freezes (a stalled VM, a long GC pause, a starved container) until <see cref="Resume"/>.</summary>
    public void Pause() => _process.Signal("STOP");

    /// <summary>SIGCONT after <see cref="Pause"/>.</summary>
    public void Resume() => _process.Signal("CONT");

    /// <summary>Waits for the process to exit; false if it is still running after <paramref name="timeout"/>.</summary>
    public Task<bool> WaitForExitAsync(TimeSpan timeout) => _process.WaitForExitAsync(timeout);

    /// <summary>The last <paramref name="lines"/> lines of the output.</summary>
    public string Tail(int lines) => _process.Tail(lines);

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    /// <summary>
    /// The program of project <paramref name="project"/> (in folder <paramref name="folder"/>), built in the calling test
    /// project's configuration (Debug or Release).
    /// </summary>
    public static string BuiltAssembly(string folder, string project)
    {
        var configuration = typeof(SiloProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var path = Repository.Path(folder, project, "bin", configuration, "net10.0", $"{project}.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"Build {project} first: {path} is missing.", path);
    }

    /// <summary>A loopback port nobody listens on right now (see <see cref="FreePorts"/>).</summary>
    public static int FreePort() => FreePorts.Next();

    private static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);
}
