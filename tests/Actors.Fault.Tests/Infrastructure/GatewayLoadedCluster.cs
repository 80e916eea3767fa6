using System.Diagnostics;
using Actors.Contracts;
using Actors.Contracts.Students;
using Actors.Testing;
using Npgsql;
using Xunit.Abstractions;

namespace Actors.Fault.Tests.Infrastructure;

/// <summary>
/// The system as the README's run command starts it, plus one more silo to lose: three silos, a fourth (the victim),
/// the gRPC gateway as a process with its shipped settings, and a steady load of acknowledged writes through the
/// gateway. With a <see cref="NetworkNamespace"/> the victim is a host of its own on a veth link (its database
/// connections go through a relay on the link), so the test can make it vanish without a reset; the other silos then
/// advertise the host's end of the link so that the victim can reach them. Disposing kills every process, deletes the
/// namespace and drops the database, also when the test failed.
/// </summary>
internal sealed class GatewayLoadedCluster : IAsyncDisposable
{
    /// <summary>
    /// How long the load runs before the fault: the victim has been up that long, as a host that is lost usually has, and
    /// probing has reached its steady rate (probe intervals shrink only after a few answered probes).
    /// </summary>
    public static readonly TimeSpan SteadyBeforeFault = TimeSpan.FromSeconds(12);

    private readonly ITestOutputHelper _output;
    private readonly FaultProxy? _databaseRelay;
    private bool _finished;

    private GatewayLoadedCluster(SiloCluster cluster, SiloProcess victim, FaultProxy? databaseRelay, GatewayProcess gateway, ITestOutputHelper output)
    {
        Cluster = cluster;
        Victim = victim;
        _databaseRelay = databaseRelay;
        Gateway = gateway;
        _output = output;
        Client = new GatewayClient(gateway);
        Load = Client.Load();
    }

    public SiloCluster Cluster { get; }

    /// <summary>The silo the test will lose.</summary>
    public SiloProcess Victim { get; }

    public GatewayProcess Gateway { get; }

    /// <summary>The relay between the victim and the database, when the victim runs in a network namespace.</summary>
    public FaultProxy? DatabaseRelay => _databaseRelay;

    public GatewayClient Client { get; }

    public WriteLoad Load { get; }

    /// <summary>Starts the stage (the victim in <paramref name="network"/> if given) and runs the load for <see cref="SteadyBeforeFault"/>.</summary>
    public static async Task<GatewayLoadedCluster> StartAsync(ITestOutputHelper output, NetworkNamespace? network = null)
    {
        var database = await PostgresServer.CreateDatabaseAsync("fault_gateway");
        var environment = new Dictionary<string, string?>();
        if (network is not null)
        {
            environment["Orleans__Endpoints__AdvertisedIPAddress"] = network.HostAddress.ToString();
        }

        var cluster = await SiloCluster.StartAsync(database, 3, environment);
        FaultProxy? relay = null;
        GatewayProcess? gateway = null;
        try
        {
            var victimEnvironment = new Dictionary<string, string?>();
            if (network is not null)
            {
                var server = new NpgsqlConnectionStringBuilder(database.ConnectionString);
                relay = new FaultProxy(server.Host!, server.Port, network.HostAddress);
                victimEnvironment["ConnectionStrings__Actors"] = database.With(b => (b.Host, b.Port) = (network.HostAddress.ToString(), relay.Port));
            }

            cluster.Start("victim", victimEnvironment, network);
            await cluster.WaitForActiveAsync(4, TimeSpan.FromSeconds(90));
            gateway = await GatewayProcess.StartAsync(cluster.ConnectionString, cluster.ClusterId);
            var stage = new GatewayLoadedCluster(cluster, cluster.Silos[^1], relay, gateway, output);
            await stage.Load.StartAsync();
            var steady = Stopwatch.StartNew();
            await stage.Load.WaitForMoreAcknowledgedAsync(100, TimeSpan.FromSeconds(60));
            if (SteadyBeforeFault - steady.Elapsed is { Ticks: > 0 } rest)
            {
                await Task.Delay(rest);
            }

            return stage;
        }
        catch
        {
            output.WriteLine(cluster.DescribeOutputs());
            if (gateway is not null)
            {
                output.WriteLine($"--- gateway ---{Environment.NewLine}{gateway.Tail(100)}");
                await gateway.DisposeAsync();
            }

            await cluster.DisposeAsync();
            if (relay is not null)
            {
                await relay.DisposeAsync();
            }

            throw;
        }
    }

    /// <summary>
    /// Student grains whose activation is on the victim now (asked through an Orleans client): those of the load, and,
    /// should placement have put fewer than <paramref name="atLeast"/> there, more students activated until it has.
    /// </summary>
    public async Task<IReadOnlyList<string>> StudentsOnVictimAsync(int atLeast = 3)
    {
        await using var client = await ClusterClient.ConnectAsync(Cluster.ConnectionString, Cluster.ClusterId, TimeSpan.FromSeconds(10));
        var management = client.Grains.GetGrain<IManagementGrain>(0);
        var onVictim = new List<string>();
        foreach (var student in Load.StudentIds)
        {
            if (await IsOnVictimAsync(student))
            {
                onVictim.Add(student);
            }
        }

        for (var i = 0; onVictim.Count < atLeast && i < 200; i++)
        {
            var extra = $"extra-{Guid.NewGuid():N}"[..14];
            await FaultSchool.RosterAsync(client.Grains, [extra]);
            if (await IsOnVictimAsync(extra))
            {
                onVictim.Add(extra);
            }
        }

        return onVictim;

        async Task<bool> IsOnVictimAsync(string student)
        {
            var grain = client.Grains.GetGrain<IStudentGrain>(FaultSchool.Key(student));
            await grain.GetGoals(FaultSchool.Student(student));
            return (await management.GetActivationAddress(grain))?.Endpoint.Port == Victim.SiloPort;
        }
    }

    /// <summary>
    /// When <paramref name="studentId"/>'s grain first answers a call through the gateway that was started from
    /// <paramref name="from"/> on (load clock): a new call every 200 ms, none waited for, until one succeeds; the time of
    /// the earliest answer. Calls already on their way to a lost silo wait out their timeout, so the earliest answer comes
    /// from the new activation, whichever call carried it.
    /// </summary>
    public async Task<TimeSpan> FirstAnswerAsync(string studentId, TimeSpan from, TimeSpan timeout)
    {
        using var stop = new CancellationTokenSource(timeout);
        var answered = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = new List<Task>();
        while (!answered.Task.IsCompleted && !stop.IsCancellationRequested)
        {
            calls.Add(CallAsync());
            await Task.WhenAny(answered.Task, Task.Delay(200, stop.Token).ContinueWith(static _ => { }, TaskScheduler.Default));
        }

        await stop.CancelAsync();
        await Task.WhenAll(calls);
        return answered.Task.IsCompletedSuccessfully
            ? answered.Task.Result - from
            : throw new TimeoutException($"{studentId} did not answer within {timeout.TotalSeconds} s");

        async Task CallAsync()
        {
            try
            {
                await Client.ListGoalsAsync(studentId, stop.Token);
                answered.TrySetResult(Load.Now);
            }
            catch (Exception)
            {
                // A probe that is cancelled or times out says nothing; the load's own calls are the ones counted.
            }
        }
    }

    /// <summary>Stops the load and checks every acknowledged write in the database.</summary>
    public async Task<FaultFigures> FinishAsync(string fault, TimeSpan faultAt)
    {
        var figures = await FaultFigures.CollectAsync(Load, Cluster.Database, _output, fault, faultAt);
        _finished = true;
        return figures;
    }

    /// <summary>What every process said, for a failed test's report.</summary>
    public void DescribeOutputs()
    {
        _output.WriteLine(Cluster.DescribeOutputs());
        _output.WriteLine($"--- gateway ---{Environment.NewLine}{Gateway.Tail(200)}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_finished)
        {
            DescribeOutputs();
            try
            {
                await Load.StopAsync();
            }
            catch (Exception e)
            {
                _output.WriteLine($"the load failed too: {e}");
            }
        }

        Client.Dispose();
        await Gateway.DisposeAsync();
        await Cluster.DisposeAsync();
        if (_databaseRelay is not null)
        {
            await _databaseRelay.DisposeAsync();
        }
    }
}
