using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Actors.Testing;

/// <summary>
/// A .NET host (silo or gateway) running as a child process: its output kept for a failed test's report, and the
/// signals an orchestrator or a failing machine sends it. Disposing kills what still runs.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private static readonly HttpClient HttpClient = new(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(10) };

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private HostProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

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

    /// <summary>
    /// Starts <paramref name="start"/> (its output redirected here); <paramref name="environment"/> adds or, with a null
    /// value, removes variables.
    /// </summary>
    public static HostProcess Start(ProcessStartInfo start, IReadOnlyDictionary<string, string?> environment)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.Environment.Remove("ASPNETCORE_URLS");
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
            if (value is null)
            {
                start.Environment.Remove(key);
            }
        }

        return new HostProcess(Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start"));
    }

    /// <summary>GETs <paramref name="url"/> (redirects not followed); status and body.</summary>
    public static async Task<(int Status, string Body)> GetAsync(Uri url)
    {
        using var response = await HttpClient.GetAsync(url);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
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

    /// <summary>Sends <paramref name="signal"/> to process <paramref name="pid"/> (kill(1)); false if it failed, e.g. the process is gone.</summary>
    public static bool Signal(int pid, string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", pid.ToString(CultureInfo.InvariantCulture)]) ?? throw new InvalidOperationException("kill did not start");
        kill.WaitForExit();
        return kill.ExitCode == 0;
    }

    /// <summary>A crash: SIGKILL to the process and its children, no chance to tell anyone.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    /// <summary>Sends <paramref name="signal"/> (<c>TERM</c>, <c>STOP</c>, <c>CONT</c>, ...) with kill(1): .NET itself can only SIGKILL.</summary>
    public void Signal(string signal)
    {
        if (!Signal(_process.Id, signal))
        {
            throw new InvalidOperationException($"kill -{signal} {_process.Id} failed");
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

    /// <summary>The last <paramref name="lines"/> lines of the output.</summary>
    public string Tail(int lines)
    {
        var all = Output.Split('\n');
        return all.Length <= lines ? Output : string.Join('\n', all[^lines..]);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // A paused (SIGSTOPped) process dies of SIGKILL too; `ip netns exec` execs its program, so the tree is it.
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

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
