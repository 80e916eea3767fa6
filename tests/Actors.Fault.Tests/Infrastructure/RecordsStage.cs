using Actors.Api.Client;
using Actors.Api.V1;
using Actors.Testing;
using Grpc.Core;
using Grpc.Net.Client;
using Xunit.Abstractions;

namespace Actors.Fault.Tests.Infrastructure;

/// <summary>
/// The stage of the records fault tests: three silo processes with their shipped settings, the gRPC gateway as a
/// process, an Orleans client (to arrange data and find where a grain is active) and the school's administrator
/// through the gateway. Disposing kills every process and drops the database; a test that did not reach
/// <see cref="Finish"/> gets every process's output in its report.
/// </summary>
internal sealed class RecordsStage : IAsyncDisposable
{
    private readonly ITestOutputHelper _output;
    private bool _finished;

    private RecordsStage(SiloCluster cluster, GatewayProcess gateway, ClusterClient client, ITestOutputHelper output)
    {
        Cluster = cluster;
        Gateway = gateway;
        Client = client;
        _output = output;
        Channel = GrpcChannel.ForAddress(gateway.GrpcAddress);
        Schools = new SchoolService.SchoolServiceClient(Channel);
    }

    public SiloCluster Cluster { get; }

    public GatewayProcess Gateway { get; }

    public ClusterClient Client { get; }

    /// <summary>A channel to the gateway's gRPC port.</summary>
    public GrpcChannel Channel { get; }

    /// <summary>The gateway's school service; calls go as <see cref="FaultSchool.Admin"/> with <see cref="AdminCall"/>.</summary>
    public SchoolService.SchoolServiceClient Schools { get; }

    public PostgresDatabase Database => Cluster.Database;

    public static async Task<RecordsStage> StartAsync(string name, ITestOutputHelper output)
    {
        var cluster = await SiloCluster.StartAsync(await PostgresServer.CreateDatabaseAsync(name), 3);
        GatewayProcess? gateway = null;
        try
        {
            gateway = await GatewayProcess.StartAsync(cluster.ConnectionString, cluster.ClusterId);
            var client = await ClusterClient.ConnectAsync(cluster.ConnectionString, cluster.ClusterId, TimeSpan.FromSeconds(10));
            return new RecordsStage(cluster, gateway, client, output);
        }
        catch
        {
            output.WriteLine(cluster.DescribeOutputs());
            if (gateway is not null)
            {
                await gateway.DisposeAsync();
            }

            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Call options as the school's administrator, with <paramref name="deadline"/>.</summary>
    public CallOptions AdminCall(TimeSpan deadline, CancellationToken cancellationToken = default)
        => Bearer.Options(Gateway.SigningKey.Mint(FaultSchool.Id, FaultSchool.Admin.UserId, "school_admin"), DateTime.UtcNow + deadline, cancellationToken);

    /// <summary>The silo process where <paramref name="grain"/> is active now (it must be active).</summary>
    public async Task<SiloProcess> SiloHostingAsync(IAddressable grain)
    {
        var address = await Client.Grains.GetGrain<IManagementGrain>(0).GetActivationAddress(grain)
            ?? throw new InvalidOperationException($"{grain} is not active anywhere");
        return Cluster.Silos.Single(s => s.SiloPort == address.Endpoint.Port);
    }

    /// <summary>
    /// Sends <paramref name="call"/> until it succeeds: a silo just killed answers UNAVAILABLE (or lets the deadline
    /// pass) until the cluster has declared it dead, which is not the call's fault. Any other status fails the test.
    /// </summary>
    public static async Task<T> UntilAnsweredAsync<T>(Func<Task<T>> call, TimeSpan timeout, string what)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return await call();
            }
            catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Aborted && started.Elapsed < timeout)
            {
                // Polled, as any condition: the next attempt after one poll interval.
                await Task.Delay(Poll.Interval);
            }
            catch (RpcException e) when (started.Elapsed >= timeout)
            {
                throw new TimeoutException($"{what}: no answer within {timeout.TotalSeconds} s; last {e.StatusCode}: {e.Status.Detail}", e);
            }
        }
    }

    /// <summary>The test reached its end: no process output is needed in its report.</summary>
    public void Finish() => _finished = true;

    public async ValueTask DisposeAsync()
    {
        if (!_finished)
        {
            _output.WriteLine(Cluster.DescribeOutputs());
            _output.WriteLine($"--- gateway ---{Environment.NewLine}{Gateway.Tail(200)}");
        }

        Channel.Dispose();
        await Client.DisposeAsync();
        await Gateway.DisposeAsync();
        await Cluster.DisposeAsync();
    }
}
