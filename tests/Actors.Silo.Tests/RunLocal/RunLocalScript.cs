using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Actors.Testing;

namespace Actors.Silo.Tests.RunLocal;

/// <summary>
/// <c>scripts/run-local.sh 1</c> as a user runs it, on free ports of its own (so it is an instance apart from the
/// default one) and a local PostgreSQL server in a folder of the test's. Every <c>dotnet</c> command the script runs is
/// recorded (<see cref="DotnetCommands"/>). Disposing interrupts it if it still runs and kills what it left.
/// </summary>
internal sealed class RunLocalScript : IAsyncDisposable
{
    private readonly HostProcess _process;
    private readonly string _shimDirectory;

    private RunLocalScript(HostProcess process, int grpcPort, string shimDirectory)
    {
        _process = process;
        GrpcPort = grpcPort;
        _shimDirectory = shimDirectory;
    }

    /// <summary>The gateway's gRPC port, which names the instance.</summary>
    public int GrpcPort { get; }

    /// <summary>The instance's run directory: logs, pid files, signing key.</summary>
    public string RunDirectory => Repository.Path(".run", GrpcPort.ToString(CultureInfo.InvariantCulture));

    public string Output => _process.Output;

    /// <summary>The arguments of every <c>dotnet</c> command the script ran so far, one per entry.</summary>
    public IReadOnlyList<string> DotnetCommands => File.Exists(DotnetLog) ? File.ReadAllLines(DotnetLog) : [];

    private string DotnetLog => Path.Combine(_shimDirectory, "commands.log");

    /// <summary>Starts the script with one silo, its local PostgreSQL on <paramref name="pgPort"/> in <paramref name="pgDirectory"/>.</summary>
    public static RunLocalScript Start(int pgPort, string pgDirectory)
    {
        // A `dotnet` first on PATH that writes down its arguments, then runs the real one.
        var shim = Directory.CreateTempSubdirectory("actors-dotnet-shim-").FullName;
        var shimScript = Path.Combine(shim, "dotnet");
        File.WriteAllText(shimScript, $"#!/bin/sh\nprintf '%s\\n' \"$*\" >> '{Path.Combine(shim, "commands.log")}'\nexec '{RealDotnet()}' \"$@\"\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(shimScript, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var grpcPort = SiloProcess.FreePort();
        var environment = new Dictionary<string, string?>
        {
            ["PATH"] = $"{shim}:{Environment.GetEnvironmentVariable("PATH")}",
            ["ACTORS_CONFIGURATION"] = Configuration,
            ["ACTORS_SILO_PORT"] = Text(SiloProcess.FreePort()),
            ["ACTORS_GATEWAY_PORT"] = Text(SiloProcess.FreePort()),
            ["ACTORS_HTTP_PORT"] = Text(SiloProcess.FreePort()),
            ["ACTORS_DASHBOARD_PORT"] = Text(SiloProcess.FreePort()),
            ["ACTORS_API_GRPC_PORT"] = Text(grpcPort),
            ["ACTORS_API_HTTP_PORT"] = Text(SiloProcess.FreePort()),
            ["ACTORS_LOCAL_PG_PORT"] = Text(pgPort),
            ["ACTORS_LOCAL_PG_DIR"] = pgDirectory,
            ["ACTORS_STOP_GRACE"] = "20",
            ["ACTORS_DB"] = null,
            ["ACTORS_CLUSTER_ID"] = null,
        };
        // As from a terminal, where Ctrl-C is not ignored: a test run started in the background (CI) inherits SIGINT
        // ignored, and bash cannot trap a signal that was ignored when it started. env execs bash, so the pid is the script's.
        var start = new ProcessStartInfo("env", ["--default-signal=INT", "bash", Repository.Path("scripts", "run-local.sh"), "1"]) { WorkingDirectory = Repository.Root };
        return new RunLocalScript(HostProcess.Start(start, environment), grpcPort, shim);
    }

    /// <summary>Waits until the script says everything is up; fails with its output if it exits first.</summary>
    public async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        await Poll.UntilAsync(() => Task.FromResult(Output), o => o.Contains("Ctrl-C stops everything.", StringComparison.Ordinal) || _process.HasExited, timeout, "run-local.sh ready");
        if (_process.HasExited)
        {
            throw new InvalidOperationException($"run-local.sh exited before it was ready:{Environment.NewLine}{Output}");
        }
    }

    /// <summary>The process ids in the run directory's pid files (silo and gateway), by name.</summary>
    public IReadOnlyDictionary<string, int> Pids() => Directory.GetFiles(RunDirectory, "*.pid")
        .ToDictionary(f => Path.GetFileNameWithoutExtension(f), f => int.Parse(File.ReadAllText(f).Trim(), CultureInfo.InvariantCulture));

    /// <summary>Ctrl-C.</summary>
    public void Interrupt() => _process.Signal("INT");

    public Task<bool> WaitForExitAsync(TimeSpan timeout) => _process.WaitForExitAsync(timeout);

    public async ValueTask DisposeAsync()
    {
        var left = Directory.Exists(RunDirectory) ? Pids().Values.ToList() : [];
        if (!_process.HasExited)
        {
            Interrupt();
            await _process.WaitForExitAsync(TimeSpan.FromSeconds(60));
        }

        await _process.DisposeAsync();
        foreach (var pid in left.Where(HostProcess.IsRunning))
        {
            HostProcess.Signal(pid, "KILL");
        }

        Directory.Delete(_shimDirectory, recursive: true);
        if (Directory.Exists(RunDirectory))
        {
            Directory.Delete(RunDirectory, recursive: true);
        }
    }

    private static string Configuration => typeof(RunLocalScript).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    /// <summary>The dotnet executable running these tests (the test host says where), else the first on PATH.</summary>
    private static string RealDotnet()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host))
        {
            return host;
        }

        return (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':')
            .Select(dir => Path.Combine(dir, "dotnet"))
            .FirstOrDefault(File.Exists) ?? throw new FileNotFoundException("dotnet is not on PATH");
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
