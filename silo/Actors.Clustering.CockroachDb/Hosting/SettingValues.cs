using System.Globalization;
using System.Net;
using Microsoft.Extensions.Configuration;

namespace Actors.Clustering.CockroachDb.Hosting;

/// <summary>
/// Reads the port and address settings that the silo and the gateway both take from configuration: a missing value
/// falls back to its default, a malformed one fails with a message naming its key.
/// </summary>
public static class SettingValues
{
    /// <summary>The TCP port at <paramref name="key"/>, or <paramref name="fallback"/> when unset.</summary>
    /// <exception cref="InvalidOperationException">The value is not a port.</exception>
    public static int Port(IConfiguration configuration, string key, int fallback)
    {
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= IPEndPoint.MaxPort
            ? port
            : throw new InvalidOperationException($"{key} must be a TCP port (1-65535), not '{text}'.");
    }

    /// <summary>
    /// The IP address at <paramref name="key"/>, or <paramref name="fallback"/> when unset. Read by hand because
    /// configuration binding silently skips <see cref="IPAddress"/> (it is not bindable).
    /// </summary>
    /// <exception cref="InvalidOperationException">The value is not an IP address.</exception>
    public static IPAddress Address(IConfiguration configuration, string key, IPAddress fallback)
    {
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return IPAddress.TryParse(text, out var address)
            ? address
            : throw new InvalidOperationException($"{key} must be an IP address, not '{text}'.");
    }
}
