using Actors.Testing;
using Actors.Testing.Cluster;

namespace Actors.Clustering.Tests.Cluster;

/// <summary>
/// Two silos on database membership with grain state in the same database: what a grain acknowledged survives its
/// deactivation and the crash of the silo it lived on.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterStorageTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task State_survives_deactivation()
    {
        await using var cluster = await MembershipCluster.StartAsync();
        var grain = cluster.Cluster.Client.GetGrain<ILedgerGrain>("deactivated");
        await grain.Append("one");
        await grain.Append("two");
        var before = await grain.Read();

        await grain.Deactivate();

        var after = await Poll.UntilAsync(grain.Read, r => r.Activation != before.Activation, Deadline, "a new activation");
        Assert.Equal(["one", "two"], after.Entries);
    }

    [Fact]
    public async Task State_survives_the_kill_of_the_silo_holding_the_grain()
    {
        await using var cluster = await MembershipCluster.StartAsync();
        await cluster.Cluster.WaitForLivenessToStabilizeAsync();
        var grain = cluster.Cluster.Client.GetGrain<ILedgerGrain>("survivor");
        var acknowledged = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            await grain.Append($"entry-{i}");
            acknowledged.Add($"entry-{i}");
        }

        var victim = cluster.SiloAt((await grain.Read()).Silo);
        await cluster.Cluster.KillSiloAsync(victim);

        var after = await Poll.UntilAsync(grain.Read, r => r.Silo != victim.SiloAddress.ToParsableString(), Deadline, "the grain on the surviving silo");
        Assert.Equal(acknowledged, after.Entries);

        // And it keeps working there.
        await grain.Append("after-kill");
        Assert.Equal([.. acknowledged, "after-kill"], (await grain.Read()).Entries);
    }
}
