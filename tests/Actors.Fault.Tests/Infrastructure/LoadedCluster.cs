using Actors.Testing;
using Xunit.Abstractions;

namespace Actors.Fault.Tests.Infrastructure;

/// <summary>
/// Three silo processes, an Orleans client and a <see cref="WriteLoad"/> running against them: the stage of every fault
/// test. <see cref="FinishAsync"/> stops the load, looks up every acknowledged write in the database and prints the
/// figures; disposing kills whatever still runs and drops the database, also when the test failed.
/// </summary>
internal sealed class LoadedCluster : IAsyncDisposable
{
    /// <summary>The client's grain call timeout: a call on its way to a silo that dies fails after this long.</summary>
    public static readonly TimeSpan ClientResponseTimeout = TimeSpan.FromSeconds(5);

    private readonly ITestOutputHelper _output;
    private bool _finished;

    private LoadedCluster(SiloCluster cluster, ClusterClient client, ITestOutputHelper output)
    {
        Cluster = cluster;
        Client = client;
        _output = output;
        Load = WriteLoad.ThroughOrleans(client.Grains);
    }

    public SiloCluster Cluster { get; }

    public ClusterClient Client { get; }

    public WriteLoad Load { get; }

    /// <summary>
    /// Starts 3 silos on <paramref name="database"/> (reached through <paramref name="connectionString"/> if given), connects
    /// a client and runs the load until <paramref name="warmUpWrites"/> writes are acknowledged.
    /// </summary>
    public static async Task<LoadedCluster> StartAsync(
        PostgresDatabase database, ITestOutputHelper output, string? connectionString = null, IReadOnlyDictionary<string, string?>? environment = null, int warmUpWrites = 150)
    {
        var cluster = await SiloCluster.StartAsync(database, 3, environment, connectionString: connectionString);
        ClusterClient? client = null;
        try
        {
            client = await ClusterClient.ConnectAsync(cluster.ConnectionString, cluster.ClusterId, ClientResponseTimeout);
            var loaded = new LoadedCluster(cluster, client, output);
            await loaded.Load.StartAsync();
            await loaded.Load.WaitForMoreAcknowledgedAsync(warmUpWrites, TimeSpan.FromSeconds(60));
            return loaded;
        }
        catch
        {
            output.WriteLine(cluster.DescribeOutputs());
            if (client is not null)
            {
                await client.DisposeAsync();
            }

            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Stops the load and checks every acknowledged write in the database (<see cref="FaultFigures.CollectAsync"/>).
    /// </summary>
    public async Task<FaultFigures> FinishAsync(string fault, TimeSpan faultAt)
    {
        var figures = await FaultFigures.CollectAsync(Load, Cluster.Database, _output, fault, faultAt);
        _finished = true;
        return figures;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_finished)
        {
            // The test failed before it finished: show what the silos said.
            _output.WriteLine(Cluster.DescribeOutputs());
            try
            {
                await Load.StopAsync();
            }
            catch (Exception e)
            {
                _output.WriteLine($"the load failed too: {e}");
            }
        }

        await Client.DisposeAsync();
        await Cluster.DisposeAsync();
    }
}

/// <summary>The outcome of a fault test.</summary>
internal sealed record FaultFigures(LoadReport Report, IReadOnlyList<AcknowledgedWrite> Lost, TimeSpan Recovery)
{
    /// <summary>
    /// Stops <paramref name="load"/> and reads every acknowledged write back from <paramref name="db"/>. Prints acknowledged,
    /// lost and failed writes, failed attempts by error, latencies, and the recovery time: from <paramref name="faultAt"/>
    /// (on the load's clock) to the end of the last failed attempt.
    /// </summary>
    public static async Task<FaultFigures> CollectAsync(WriteLoad load, PostgresDatabase db, ITestOutputHelper output, string fault, TimeSpan faultAt)
    {
        var report = await load.StopAsync();
        var lost = await StoredGoals.FindLostAsync(db, load.StudentIds, report.Acknowledged);
        var lastFailure = report.FailedAttempts.Select(f => f.Failed).DefaultIfEmpty(faultAt).Max();
        var figures = new FaultFigures(report, lost, report.FailedAttempts.Count == 0 ? TimeSpan.Zero : lastFailure - faultAt);
        output.WriteLine($"{fault}: {report.Acknowledged.Count} writes acknowledged, {lost.Count} lost, {report.FailedWrites.Count} failed (retries exhausted)");
        output.WriteLine($"  failed attempts (retried): {report.FailedAttempts.Count}: {report.ErrorSummary}");
        output.WriteLine($"  recovery: last failed attempt {figures.Recovery.TotalSeconds:0.00} s after the fault; longest acknowledged write {report.MaxLatency(faultAt, load.Now).TotalSeconds:0.00} s; latency p50 {report.Percentile(0.5).TotalMilliseconds:0} ms, p99 {report.Percentile(0.99).TotalMilliseconds:0} ms");
        foreach (var write in lost.Take(10))
        {
            output.WriteLine($"  LOST {write.StudentId}/{write.GoalId} acknowledged at {write.Acknowledged.TotalSeconds:0.00} s");
        }

        foreach (var failed in report.FailedWrites.Take(10))
        {
            output.WriteLine($"  FAILED {failed}");
        }

        return figures;
    }
}
