using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text;
using Actors.Testing;

namespace Actors.Silo.Tests.RunLocal;

/// <summary>
/// <c>scripts/run-local.sh 1</c> as a user runs it, on free ports of its own (so it is an instance apart from the
/// default one) and a local PostgreSQL server in a folder of the test's. Every <c>dotnet</c> command the script runs is
/// recorded (<see cref="DotnetCommands"/>). Disposing interrupts it if it still runs and kills what it left.
/// </summary>
internal sealed class RunLocalScript : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly string _dotnetLog;
    private readonly string _shimDirectory;

    private RunLocalScript(Process process, int grpcPort, int httpPort, string dotnetLog, string shimDirectory)
    {
        _process = process;
        GrpcPort = grpcPort;
        HttpPort = httpPort;
        _dotnetLog = dotnetLog;
        _shimDirectory = shimDirectory;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>The gateway's gRPC port, which names the instance.</summary>
    public int GrpcPort { get; }

    /// <summary>The gateway's HTTP port (health).</summary>
    public int HttpPort { get; }

    /// <summary>The instance's run directory: logs, pid files, signing key.</summary>
    public string RunDirectory => Repository.Path(".run", GrpcPort.ToString(CultureInfo.InvariantCulture));

    public bool HasExited => _process.HasExited;

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

    /// <summary>The arguments of every <c>dotnet</c> command the script ran so far, one per entry.</summary>
    public IReadOnlyList<string> DotnetCommands => File.Exists(_dotnetLog) ? File.ReadAllLines(_dotnetLog) : [];

    /// <summary>Starts the script with one silo, its local PostgreSQL on <paramref name="pgPort"/> in <paramref name="pgDirectory"/>.</summary>
    public static RunLocalScript Start(int pgPort, string pgDirectory)
    {
        var shim = Directory.CreateTempSubdirectory("actors-dotnet-shim-").FullName;
        var dotnetLog = Path.Combine(shim, "commands.log");
        var shimScript = Path.Combine(shim, "dotnet");
        File.WriteAllText(shimScript, $"#!/bin/sh\nprintf '%s\\n' \"$*\" >> '{dotnetLog}'\nexec '{RealDotnet()}' \"$@\"\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(shimScript, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var (grpcPort, httpPort) = (SiloProcess.FreePort(), SiloProcess.FreePort());
        var start = new ProcessStartInfo("bash", [Repository.Path("scripts", "run-local.sh"), "1"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Repository.Root,
        };
        start.Environment["PATH"] = $"{shim}:{Environment.GetEnvironmentVariable("PATH")}";
        start.Environment["ACTORS_CONFIGURATION"] = Configuration;
        start.Environment["ACTORS_SILO_PORT"] = Text(SiloProcess.FreePort());
        start.Environment["ACTORS_GATEWAY_PORT"] = Text(SiloProcess.FreePort());
        start.Environment["ACTORS_HTTP_PORT"] = Text(SiloProcess.FreePort());
        start.Environment["ACTORS_DASHBOARD_PORT"] = Text(SiloProcess.FreePort());
        start.Environment["ACTORS_API_GRPC_PORT"] = Text(grpcPort);
        start.Environment["ACTORS_API_HTTP_PORT"] = Text(httpPort);
        start.Environment["ACTORS_LOCAL_PG_PORT"] = Text(pgPort);
        start.Environment["ACTORS_LOCAL_PG_DIR"] = pgDirectory;
        start.Environment["ACTORS_STOP_GRACE"] = "20";
        start.Environment.Remove("ACTORS_DB");
        start.Environment.Remove("ACTORS_CLUSTER_ID");
        var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start");
        return new RunLocalScript(process, grpcPort, httpPort, dotnetLog, shim);
    }

    /// <summary>Waits until the script says everything is up.</summary>
    public Task WaitUntilReadyAsync(TimeSpan timeout) => Poll.UntilAsync(
        () => Task.FromResult(Output),
        o => o.Contains("Ctrl-C stops everything.", StringComparison.Ordinal) || HasExited,
        timeout,
        "run-local.sh ready").ContinueWith(
            t => t.IsCompletedSuccessfully && !HasExited ? t : throw new InvalidOperationException($"run-local.sh is not ready:{Environment.NewLine}{Output}", t.Exception),
            TaskScheduler.Default).Unwrap();

    /// <summary>The process ids in the run directory's pid files (silo and gateway), by name.</summary>
    public IReadOnlyDictionary<string, int> Pids() => Directory.GetFiles(RunDirectory, "*.pid")
        .ToDictionary(f => Path.GetFileNameWithoutExtension(f), f => int.Parse(File.ReadAllText(f).Trim(), CultureInfo.InvariantCulture));

    /// <summary>Ctrl-C.</summary>
    public void Interrupt() => Signal(_process.Id, "INT");

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

    /// <summary>Whether process <paramref name="pid"/> still exists.</summary>
    public static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        var left = Directory.Exists(RunDirectory) ? Pids().Values.ToList() : [];
        if (!_process.HasExited)
        {
            Interrupt();
            if (!await WaitForExitAsync(TimeSpan.FromSeconds(60)))
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        foreach (var pid in left.Where(IsRunning))
        {
            Signal(pid, "KILL");
        }

        _process.Dispose();
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

    private static void Signal(int pid, string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", Text(pid)]) ?? throw new InvalidOperationException("kill did not start");
        kill.WaitForExit();
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

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
