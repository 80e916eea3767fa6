using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace Actors.Testing;

/// <summary>
/// A Linux network namespace joined to this host by a veth pair with a /30 of its own, so a process started in it
/// (<see cref="SiloProcess.Start"/> with a namespace) is a separate host on a real link. <see cref="Blackhole"/> drops
/// every packet in both directions without a reset (<c>tc qdisc … blackhole</c> on both ends): what its peers see when a
/// machine vanishes, loses its network or freezes. Needs root (or CAP_NET_ADMIN) and iproute2; <see cref="CreateAsync"/>
/// throws <see cref="NetworkNamespaceUnavailableException"/> where the machine cannot create namespaces.
/// </summary>
/// <remarks>
/// Names carry this process's id (<c>actors-PID-N</c>), so concurrent runs never collide, and a run that was killed
/// before it could clean up is found by the next one: namespaces of processes that no longer exist are deleted first.
/// Deleting a namespace deletes its end of the veth pair and with it the host's end.
/// </remarks>
public sealed class NetworkNamespace : IAsyncDisposable
{
    private const string Prefix = "actors-";
    private static int s_counter;

    private NetworkNamespace(string name, string hostInterface, string innerInterface, IPAddress hostAddress, IPAddress innerAddress)
    {
        Name = name;
        HostInterface = hostInterface;
        InnerInterface = innerInterface;
        HostAddress = hostAddress;
        InnerAddress = innerAddress;
    }

    /// <summary>The namespace's name (<c>ip netns exec NAME …</c>).</summary>
    public string Name { get; }

    /// <summary>The host's end of the veth pair.</summary>
    public string HostInterface { get; }

    /// <summary>The namespace's end of the veth pair.</summary>
    public string InnerInterface { get; }

    /// <summary>The host's address on the link: what a process in the namespace connects to.</summary>
    public IPAddress HostAddress { get; }

    /// <summary>The namespace's address on the link.</summary>
    public IPAddress InnerAddress { get; }

    /// <summary>Whether <see cref="Blackhole"/> has been called.</summary>
    public bool IsBlackholed { get; private set; }

    /// <summary>
    /// Creates a namespace and its link. Throws <see cref="NetworkNamespaceUnavailableException"/>, with the reason, when
    /// the machine does not let this process create one (not root, no iproute2, a sandbox without the capability).
    /// </summary>
    public static async Task<NetworkNamespace> CreateAsync()
    {
        await RemoveLeftoversAsync();
        var id = $"{Environment.ProcessId}-{Interlocked.Increment(ref s_counter)}";
        var name = Prefix + id;
        var probe = await RunAsync("ip", ["netns", "add", name], throwOnError: false);
        if (probe.ExitCode != 0)
        {
            throw new NetworkNamespaceUnavailableException($"`ip netns add {name}` failed ({probe.ExitCode}): {probe.Output.Trim()}");
        }

        // veth names are at most 15 characters; the random part keeps two runs' pairs apart.
        var tag = Guid.NewGuid().ToString("N")[..8];
        var (hostInterface, innerInterface) = ($"av{tag}h", $"av{tag}n");
        var (hostAddress, innerAddress) = await FreeSubnetAsync();
        var network = new NetworkNamespace(name, hostInterface, innerInterface, hostAddress, innerAddress);
        try
        {
            await RunAsync("ip", ["link", "add", hostInterface, "type", "veth", "peer", "name", innerInterface]);
            await RunAsync("ip", ["link", "set", innerInterface, "netns", name]);
            await RunAsync("ip", ["addr", "add", $"{hostAddress}/30", "dev", hostInterface]);
            await RunAsync("ip", ["link", "set", hostInterface, "up"]);
            await network.ExecAsync("ip", "addr", "add", $"{innerAddress}/30", "dev", innerInterface);
            await network.ExecAsync("ip", "link", "set", innerInterface, "up");
            await network.ExecAsync("ip", "link", "set", "lo", "up");
            return network;
        }
        catch
        {
            await network.DisposeAsync();
            throw;
        }
    }

    /// <summary>The command line that runs <paramref name="program"/> inside the namespace.</summary>
    public (string FileName, IReadOnlyList<string> Arguments) Wrap(string program, params string[] arguments)
        => ("ip", ["netns", "exec", Name, program, .. arguments]);

    /// <summary>From now on every packet between the namespace and the host is dropped silently, both ways.</summary>
    public async Task Blackhole()
    {
        await RunAsync("tc", ["qdisc", "add", "dev", HostInterface, "root", "blackhole"]);
        await ExecAsync("tc", "qdisc", "add", "dev", InnerInterface, "root", "blackhole");
        IsBlackholed = true;
    }

    /// <summary>Kills whatever still runs in the namespace, then deletes it (and so the link).</summary>
    public async ValueTask DisposeAsync()
    {
        await DeleteAsync(Name);

        // Normally gone with its peer; a pair whose inner end never reached the namespace is not.
        await RunAsync("ip", ["link", "del", HostInterface], throwOnError: false);
    }

    private Task ExecAsync(string program, params string[] arguments)
    {
        var (fileName, args) = Wrap(program, arguments);
        return RunAsync(fileName, args);
    }

    /// <summary>Deletes namespaces left by test processes that died before their cleanup ran.</summary>
    private static async Task RemoveLeftoversAsync()
    {
        var list = await RunAsync("ip", ["netns", "list"], throwOnError: false);
        if (list.ExitCode != 0)
        {
            return;
        }

        foreach (var line in list.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = line.Split(' ')[0];
            if (!name.StartsWith(Prefix, StringComparison.Ordinal))
            {
                continue;
            }

            var pid = name[Prefix.Length..].Split('-')[0];
            if (int.TryParse(pid, NumberStyles.None, CultureInfo.InvariantCulture, out var owner) && !HostProcess.IsRunning(owner))
            {
                await DeleteAsync(name);
            }
        }
    }

    /// <summary>Kills the processes in namespace <paramref name="name"/> (a silo a dead test left behind), then deletes it.</summary>
    private static async Task DeleteAsync(string name)
    {
        var pids = await RunAsync("ip", ["netns", "pids", name], throwOnError: false);
        foreach (var pid in pids.ExitCode == 0 ? pids.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries) : [])
        {
            if (int.TryParse(pid.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                HostProcess.Signal(id, "KILL");
            }
        }

        await RunAsync("ip", ["netns", "del", name], throwOnError: false);
    }

    /// <summary>A /30 in 10.64.0.0/10 that no interface here uses yet: .1 for the host, .2 for the namespace.</summary>
    private static async Task<(IPAddress Host, IPAddress Inner)> FreeSubnetAsync()
    {
        var used = (await RunAsync("ip", ["-o", "-4", "addr", "show"])).Output;
        while (true)
        {
            var (a, b, c) = (Random.Shared.Next(64, 128), Random.Shared.Next(0, 256), Random.Shared.Next(0, 64) * 4);
            var prefix = $"10.{a}.{b}.";
            if (!used.Contains($" {prefix}{c + 1}/", StringComparison.Ordinal) && !used.Contains($" {prefix}{c + 2}/", StringComparison.Ordinal))
            {
                return (IPAddress.Parse($"{prefix}{c + 1}"), IPAddress.Parse($"{prefix}{c + 2}"));
            }
        }
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string fileName, IReadOnlyList<string> arguments, bool throwOnError = true)
    {
        var start = new ProcessStartInfo(fileName, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            if (throwOnError)
            {
                throw new NetworkNamespaceUnavailableException($"{fileName} cannot be run: {e.Message}");
            }

            return (-1, e.Message);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            var output = await stdout + await stderr;
            if (throwOnError && process.ExitCode != 0)
            {
                throw new InvalidOperationException($"`{fileName} {string.Join(' ', arguments)}` exited with {process.ExitCode}: {output.Trim()}");
            }

            return (process.ExitCode, output);
        }
    }
}

/// <summary>This machine does not let the test create a network namespace; the message says why.</summary>
public sealed class NetworkNamespaceUnavailableException(string reason) : Exception(reason);
