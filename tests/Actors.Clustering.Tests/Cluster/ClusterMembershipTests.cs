using System.Diagnostics;
using Actors.Testing;
using Actors.Testing.Cluster;
using Orleans.Runtime;
using Xunit.Abstractions;

namespace Actors.Clustering.Tests.Cluster;

/// <summary>Cluster tests start several silos each: run them one at a time on a small machine.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterCollection
{
    public const string Name = "Clusters";
}

/// <summary>
/// Two silos and a client that find each other only through the database, then lose a silo by crash and by shutdown.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterMembershipTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Two_silos_and_a_client_form_a_cluster_through_the_database()
    {
        await using var cluster = await MembershipCluster.StartAsync();

        var answer = await cluster.Cluster.Client.GetGrain<IWhereGrain>(1).GetSiloAddress();

        Assert.Contains(cluster.Cluster.Silos, s => s.SiloAddress.ToParsableString() == answer);
        var rows = await cluster.RowsWhenAsync(r => r.Count(x => x.Status == MembershipRow.Active) == 2, Deadline, "two Active silos");
        Assert.Equal(2, rows.Count);
        Assert.All(cluster.Cluster.Silos, silo => Assert.Equal(MembershipRow.Active, MembershipCluster.RowOf(rows, silo.SiloAddress).Status));
    }

    [Fact]
    public async Task A_killed_silo_is_marked_dead_and_its_grain_answers_from_the_survivor()
    {
        await using var cluster = await MembershipCluster.StartAsync();
        var grain = cluster.Cluster.Client.GetGrain<IWhereGrain>(2);
        var victim = cluster.SiloAt(await grain.GetSiloAddress());
        var survivor = cluster.Cluster.Silos.Single(s => s != victim);

        // Probe intervals only shrink after a few successful probes: a silo killed right after joining is detected late.
        await cluster.Cluster.WaitForLivenessToStabilizeAsync();
        var clock = Stopwatch.StartNew();
        await cluster.Cluster.KillSiloAsync(victim);
        var killed = clock.Elapsed;

        var moved = await Poll.UntilAsync(grain.GetSiloAddress, a => a == survivor.SiloAddress.ToParsableString(), Deadline, "the grain on the survivor");
        var answeredAt = clock.Elapsed;
        var rows = await cluster.RowsWhenAsync(r => MembershipCluster.RowOf(r, victim.SiloAddress).Status == MembershipRow.Dead, Deadline, "the killed silo marked Dead");
        output.WriteLine($"kill took {killed.TotalSeconds:0.00} s; grain answered from the survivor at {answeredAt.TotalSeconds:0.00} s; Dead in the table by {clock.Elapsed.TotalSeconds:0.00} s");
        output.WriteLine(string.Join(Environment.NewLine, rows));

        Assert.Equal(MembershipRow.Active, MembershipCluster.RowOf(rows, survivor.SiloAddress).Status);
    }

    [Fact]
    public async Task A_stopped_silo_leaves_its_row_shut_down_and_then_dead()
    {
        await using var cluster = await MembershipCluster.StartAsync();
        await cluster.RowsWhenAsync(r => r.Count(x => x.Status == MembershipRow.Active) == 2, Deadline, "two Active silos");
        var (staying, leaving) = (cluster.Cluster.Silos[0], cluster.Cluster.Silos[1]);

        await cluster.Cluster.StopSiloAsync(leaving);

        var right = MembershipCluster.RowOf(await cluster.RowsAsync(), leaving.SiloAddress);
        output.WriteLine($"right after StopSiloAsync: {right}");
        Assert.Contains(right.Status, new[] { (int)SiloStatus.ShuttingDown, (int)SiloStatus.Stopping, (int)SiloStatus.Dead });
        var rows = await cluster.RowsWhenAsync(r => MembershipCluster.RowOf(r, leaving.SiloAddress).Status == MembershipRow.Dead, Deadline, "the stopped silo marked Dead");
        Assert.Equal(MembershipRow.Active, MembershipCluster.RowOf(rows, staying.SiloAddress).Status);
        Assert.Equal(staying.SiloAddress.ToParsableString(), await cluster.Cluster.Client.GetGrain<IWhereGrain>(3).GetSiloAddress());
    }
}
