using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Actors.Testing;

/// <summary>
/// Ports for the servers a test starts (silos, gateways, PostgreSQL) to listen on, picked before they start.
/// <para>
/// Not from the kernel's ephemeral range, which is what asking the OS for port 0 returns: every outgoing connection
/// on the machine (a database client, an HTTP call, another helper's test) also takes its local port from that range,
/// so on a busy machine such a port could be taken between being picked and being bound, and the server would fail
/// with "address already in use" (seen: a fault test's silo exiting at start-up). Ports below the range are never
/// handed out that way; one is taken only after a bind shows nothing listens on it, and never twice in a process.
/// </para>
/// </summary>
public static class FreePorts
{
    // Below every port block the local runs use (29999 and up; 11111-11999 sit below this range too).
    private const int Lowest = 15000, Highest = 29000;

    private static readonly HashSet<int> HandedOut = [];
    private static readonly int EphemeralLow = ReadEphemeralLow();

    /// <summary>A loopback port nobody listens on right now, outside the ephemeral range, not handed out before by this process.</summary>
    public static int Next()
    {
        var highest = Math.Min(Highest, EphemeralLow - 1);
        lock (HandedOut)
        {
            for (var attempt = 0; attempt < 1000; attempt++)
            {
                var port = Random.Shared.Next(Lowest, highest + 1);
                if (!HandedOut.Contains(port) && NothingListensOn(port))
                {
                    HandedOut.Add(port);
                    return port;
                }
            }
        }

        throw new InvalidOperationException($"No free port between {Lowest} and {highest} after 1,000 tries.");
    }

    private static bool NothingListensOn(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>The first port of the kernel's ephemeral range (Linux: /proc/sys/net/ipv4/ip_local_port_range; 32768 by default).</summary>
    private static int ReadEphemeralLow()
    {
        try
        {
            var range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            return int.Parse(range[0], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return 32768;
        }
    }
}
