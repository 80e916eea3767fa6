using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;

namespace Actors.Testing;

/// <summary>
/// The silo host (<c>Actors.Silo.dll</c>) running as a process of its own, configured through environment variables
/// exactly as in a deployment, so a test can crash it for real (SIGKILL) or stop it as an orchestrator does (SIGTERM).
/// Every port is a free loopback port of its own.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private static readonly HttpClient HttpClient = new(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(10) };

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private SiloProcess(Process process, string name, int siloPort, int gatewayPort, int httpPort, int dashboardPort)
    {
        _process = process;
        Name = name;
        SiloPort = siloPort;
        GatewayPort = gatewayPort;
        HttpPort = httpPort;
        DashboardPort = dashboardPort;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>The silo's name (<c>Orleans:Name</c>), as the membership table records it.</summary>
    public string Name { get; }

    public int SiloPort { get; }

    public int GatewayPort { get; }

    /// <summary>Health, metrics and (with operator credentials) the dashboard.</summary>
    public int HttpPort { get; }

    /// <summary>The dashboard's own listener (loopback unless the test exposes it).</summary>
    public int DashboardPort { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Everything the process wrote to stdout and stderr so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>A URL on the silo's HTTP port.</summary>
    public Uri Http(string path) => new($"http://127.0.0.1:{HttpPort}{path}");

    /// <summary>GETs <paramref name="path"/> on the silo's HTTP port (redirects not followed); status and body.</summary>
    public async Task<(int Status, string Body)> GetAsync(string path)
    {
        using var response = await HttpClient.GetAsync(Http(path));
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// Starts a silo named <paramref name="name"/> on free loopback ports. <paramref name="environment"/> adds or, with a
    /// null value, removes variables (the connection string among them).
    /// </summary>
    public static SiloProcess Start(string name, IReadOnlyDictionary<string, string?> environment)
    {
        int siloPort = FreePort(), gatewayPort = FreePort(), httpPort = FreePort(), dashboardPort = FreePort();
        var start = new ProcessStartInfo("dotnet", [SiloAssemblyPath])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(SiloAssemblyPath)!,
        };
        start.Environment["Orleans__Name"] = name;
        start.Environment["Orleans__Endpoints__SiloPort"] = Text(siloPort);
        start.Environment["Orleans__Endpoints__GatewayPort"] = Text(gatewayPort);
        start.Environment["Orleans__Endpoints__HttpPort"] = Text(httpPort);
        start.Environment["Dashboard__Port"] = Text(dashboardPort);
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment.Remove("ConnectionStrings__Actors");
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
            if (value is null)
            {
                start.Environment.Remove(key);
            }
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        return new SiloProcess(process, name, siloPort, gatewayPort, httpPort, dashboardPort);
    }

    /// <summary>A crash: SIGKILL, no chance to tell anyone.</summary>
    public void Crash() => _process.Kill(entireProcessTree: true);

    /// <summary>What an orchestrator does first: SIGTERM, which the host turns into a graceful silo shutdown.</summary>
    public void Terminate()
    {
        // .NET can only SIGKILL a process; kill(1) sends the signal Kubernetes and systemd send.
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]) ?? throw new InvalidOperationException("kill did not start");
        kill.WaitForExit();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -TERM {_process.Id} exited with {kill.ExitCode}");
        }
    }

    /// <summary>Waits for the process to exit; false if it is still running after <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    /// <summary>The silo built next to the calling test project, in the same configuration (Debug or Release).</summary>
    private static string SiloAssemblyPath { get; } = FindSiloAssembly();

    private static string FindSiloAssembly()
    {
        var configuration = typeof(SiloProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var path = Repository.Path("silo", "Actors.Silo", "bin", configuration, "net10.0", "Actors.Silo.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"Build the silo first: {path} is missing.", path);
    }

    /// <summary>A loopback port nobody listens on right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
