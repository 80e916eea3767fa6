using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Actors.Silo.Hosting;

/// <summary>
/// Writes the membership timings the silo really runs with, and where its settings came from, once at start-up: the
/// one line that shows whether <c>appsettings.json</c> was read (a silo that missed it runs Orleans' defaults and finds a
/// vanished host a minute late). Registered before the silo, so the line comes first.
/// </summary>
internal sealed partial class MembershipSettingsLog(
    IOptions<ClusterMembershipOptions> membership, IHostEnvironment environment, ILogger<MembershipSettingsLog> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var o = membership.Value;
        LogMembership(
            o.ProbeTimeout,
            o.MinProbeTimeout,
            o.MaxProbeTimeout,
            o.NumMissedProbesLimit,
            o.NumVotesForDeathDeclaration,
            o.EnableIndirectProbes,
            o.EnableConnectionLivenessCheck,
            o.MaxProbeTimeout * o.NumMissedProbesLimit,
            o.IAmAliveTablePublishTimeout,
            o.TableRefreshTimeout,
            environment.ContentRootPath);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(
        Level = LogLevel.Information,
        Message = "Membership: ProbeTimeout={ProbeTimeout} MinProbeTimeout={MinProbeTimeout} MaxProbeTimeout={MaxProbeTimeout} "
            + "NumMissedProbesLimit={NumMissedProbesLimit} NumVotesForDeathDeclaration={Votes} EnableIndirectProbes={IndirectProbes} "
            + "EnableConnectionLivenessCheck={LivenessCheck} (window {LivenessWindow}) IAmAliveTablePublishTimeout={IAmAlive} "
            + "TableRefreshTimeout={TableRefresh}; settings read from {ContentRoot}")]
    private partial void LogMembership(
        TimeSpan probeTimeout,
        TimeSpan minProbeTimeout,
        TimeSpan maxProbeTimeout,
        int numMissedProbesLimit,
        int votes,
        bool indirectProbes,
        bool livenessCheck,
        TimeSpan livenessWindow,
        TimeSpan iAmAlive,
        TimeSpan tableRefresh,
        string contentRoot);
}
