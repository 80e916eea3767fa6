using System.Security.Cryptography.X509Certificates;
using Actors.Api.V1;
using Actors.Clustering.CockroachDb.Hosting;
using Actors.Gateway.Tests.Infrastructure;
using Actors.Security.Development;
using Actors.Security.Hosting;
using Actors.Security.Tls;
using Actors.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Connections.Security;
using Orleans.Hosting;
using Orleans.Runtime.Messaging;
using Xunit.Abstractions;

namespace Actors.Gateway.Tests.Hosting;

/// <summary>
/// Two silo processes in the Production environment with mutual TLS on both Orleans ports (certificates from a
/// throw-away CA, as a mounted secret would hold them). The gateway with its certificate connects and serves calls;
/// Orleans clients without it — plaintext, TLS without a certificate, a certificate from another CA, a silo's
/// certificate on the gateway port — are refused.
/// </summary>
public sealed class ClusterTlsTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly string _certificates = Directory.CreateTempSubdirectory("actors-cluster-tls-").FullName;
    private SiloCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        DevCertificates.WriteCluster(_certificates);
        _cluster = await SiloCluster.StartAsync(await PostgresServer.CreateDatabaseAsync("cluster_tls"), 2, new Dictionary<string, string?>
        {
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ClusterTls__CertificatePath"] = Path.Combine(_certificates, "silo.crt"),
            ["ClusterTls__KeyPath"] = Path.Combine(_certificates, "silo.key"),
            ["ClusterTls__CaPath"] = Path.Combine(_certificates, DevCertificates.CaFile),
        });
    }

    [Fact]
    public async Task The_gateway_with_its_certificate_connects_and_serves_calls_over_tls()
    {
        try
        {
            await using var gateway = await GatewayHost.StartAsync(_cluster.ConnectionString, _cluster.ClusterId, "actors", new Dictionary<string, string?>
            {
                ["ClusterTls:Disabled"] = "false",
                ["ClusterTls:CertificatePath"] = Path.Combine(_certificates, "gateway.crt"),
                ["ClusterTls:KeyPath"] = Path.Combine(_certificates, "gateway.key"),
                ["ClusterTls:CaPath"] = Path.Combine(_certificates, DevCertificates.CaFile),
            });
            var student = User.Student();
            var students = new StudentService.StudentServiceClient(gateway.Channel);

            // Ids spread over both silos: grain calls cross silo to silo too.
            for (var i = 0; i < 8; i++)
            {
                var goalId = TestIds.New("goal");
                await students.CreateGoalAsync(new CreateGoalRequest { StudentId = student.Id, GoalId = goalId, Title = $"Goal {i}" }, student.Call);
                var other = User.Student();
                await students.UpdateProfileAsync(new UpdateProfileRequest { StudentId = other.Id, Profile = new StudentProfile { Name = "Mere", School = "Kura", YearLevel = 9 } }, other.Call);
            }

            var goals = await students.ListGoalsAsync(new ListGoalsRequest { StudentId = student.Id }, student.Call);
            Assert.Equal(8, goals.Goals.Count);
        }
        catch
        {
            output.WriteLine(_cluster.DescribeOutputs());
            throw;
        }
    }

    [Fact]
    public async Task A_client_without_the_gateway_certificate_is_refused()
    {
        using var otherCa = DevCertificates.CreateAuthority("Another CA");
        using var foreignGateway = DevCertificates.Issue(otherCa, ClusterTlsOptions.DefaultGatewayName, server: false, client: true);
        using var siloCertificate = X509Certificate2.CreateFromPemFile(Path.Combine(_certificates, "silo.crt"), Path.Combine(_certificates, "silo.key"));

        var refusals = new Dictionary<string, Action<IClientBuilder>>
        {
            ["plaintext"] = _ => { },
            ["TLS without a certificate"] = c => c.UseTls(o => Trusting(o, certificate: null)),
            ["a gateway certificate from another CA"] = c => c.UseTls(o => Trusting(o, foreignGateway)),
            ["a silo's certificate on the gateway port"] = c => c.UseTls(o => Trusting(o, siloCertificate)),
        };
        foreach (var (what, configure) in refusals)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var refused = await Record.ExceptionAsync(async () => await (await ConnectAsync(configure)).DisposeAsync());
            output.WriteLine($"{what}: {clock.Elapsed.TotalSeconds:0.0} s {refused?.GetType().Name}: {refused?.Message}");
            Assert.True(refused is ConnectionFailedException, $"a client with {what} was not refused a connection: {refused}");
        }

        // The same client with the gateway's certificate gets in, so the refusals above were about the certificate.
        await using var admitted = await ConnectAsync(c => c.UseClusterTls(), new Dictionary<string, string?>
        {
            ["ClusterTls:CertificatePath"] = Path.Combine(_certificates, "gateway.crt"),
            ["ClusterTls:KeyPath"] = Path.Combine(_certificates, "gateway.key"),
            ["ClusterTls:CaPath"] = Path.Combine(_certificates, DevCertificates.CaFile),
        });
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        Directory.Delete(_certificates, recursive: true);
    }

    // A client that would accept any silo: what an intruder would configure; only the silo's check stands in its way.
    private static void Trusting(TlsOptions options, X509Certificate2? certificate)
    {
        options.LocalCertificate = certificate;
        options.ClientCertificateMode = certificate is null ? RemoteCertificateMode.NoCertificate : RemoteCertificateMode.RequireCertificate;
        options.AllowAnyRemoteCertificate();
        options.OnAuthenticateAsClient = (_, ssl) => ssl.TargetHost = ClusterTlsOptions.DefaultSiloName;
    }

    private async Task<AsyncHost> ConnectAsync(Action<IClientBuilder> configure, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.Logging.SetMinimumLevel(LogLevel.Error);
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (_cluster.ClusterId, "actors"));
            client.UseCockroachClustering(o => o.ConnectionString = _cluster.ConnectionString);

            // One attempt: the silos are up, so a failure is the answer (Orleans' default retries for 3 minutes).
            client.UseConnectionRetryFilter(static (_, _) => Task.FromResult(false));
            configure(client);
        });
        var host = new AsyncHost(builder.Build());
        try
        {
            await host.Host.StartAsync().WaitAsync(Deadline);
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    private sealed class AsyncHost(IHost host) : IAsyncDisposable
    {
        public IHost Host { get; } = host;

        public async ValueTask DisposeAsync()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await Host.StopAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                // A client that never connected may not stop cleanly; it is disposed either way.
            }

            Host.Dispose();
        }
    }
}
