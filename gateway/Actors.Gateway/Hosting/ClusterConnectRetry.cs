using System.Diagnostics;

namespace Actors.Gateway.Hosting;

/// <summary>
/// Keeps the Orleans client trying to reach a silo at start-up (the gateway may start before the silos), for at most
/// <see cref="GatewaySettings.ClusterConnectTimeout"/>; then start-up fails with the last error.
/// </summary>
internal sealed partial class ClusterConnectRetry(GatewaySettings settings, ILogger<ClusterConnectRetry> logger) : IClientConnectionRetryFilter
{
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(1);
    private readonly Stopwatch _since = Stopwatch.StartNew();

    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        if (_since.Elapsed + Delay > settings.ClusterConnectTimeout)
        {
            LogGaveUp(exception, settings.ClusterConnectTimeout.TotalSeconds);
            return false;
        }

        LogRetrying(exception.Message);
        await Task.Delay(Delay, cancellationToken);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No silo reachable yet, retrying: {Reason}")]
    private partial void LogRetrying(string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "No silo reachable within {Seconds} s: giving up")]
    private partial void LogGaveUp(Exception exception, double seconds);
}
