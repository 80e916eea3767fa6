using Actors.Api.V1;
using Actors.Testing.Callers;
using Actors.Testing.Cluster;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Gateway.Tests.Infrastructure;

/// <summary>
/// One silo on database membership and storage (a fresh database) and one gateway in front of it, shared by the
/// tests of the <see cref="GatewayCollection"/>: they keep apart by using fresh ids. Documents re-check watchers'
/// access every <see cref="AccessRecheckInterval"/> (short, so a test sees the bound act).
/// </summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    private readonly Lazy<Task<World>> _world;

    private readonly Lazy<Task<RawClusterClient>> _rawClient;

    public GatewayFixture()
    {
        _world = new Lazy<Task<World>>(() => World.CreateAsync(this));
        _rawClient = new Lazy<Task<RawClusterClient>>(() => RawClusterClient.ConnectAsync(Cluster.Db.ConnectionString, Cluster.Cluster.Options.ClusterId, Cluster.Cluster.Options.ServiceId));
    }

    public MembershipCluster Cluster { get; private set; } = null!;

    public GatewayHost Gateway { get; private set; } = null!;

    public StudentService.StudentServiceClient Students => new(Gateway.Channel);

    public ClassService.ClassServiceClient Classes => new(Gateway.Channel);

    public DocumentService.DocumentServiceClient Documents => new(Gateway.Channel);

    public SchoolService.SchoolServiceClient Roster => new(Gateway.Channel);

    /// <summary>How often documents re-check open watches in the test silo.</summary>
    public static readonly TimeSpan AccessRecheckInterval = TimeSpan.FromSeconds(2);

    /// <summary>A fresh student rostered by <paramref name="school"/>'s administrator.</summary>
    public Task<User> StudentAsync(string prefix = "student", string school = Schools.A) => Gateway.Channel.RosterAsync(User.Student(prefix, school));

    /// <summary>A fresh teacher rostered by <paramref name="school"/>'s administrator.</summary>
    public Task<User> TeacherAsync(string prefix = "teacher", string school = Schools.A) => Gateway.Channel.RosterAsync(User.Teacher(prefix, school));

    /// <summary>A student, a class, a document and the other users around them, made once through the gateway.</summary>
    public Task<World> WorldAsync() => _world.Value;

    /// <summary>A bare Orleans client of the cluster, as any pod inside it could run: no gateway, no token of its own.</summary>
    public async Task<IClusterClient> RawClientAsync() => (await _rawClient.Value).Client;

    public async Task InitializeAsync()
    {
        Cluster = await MembershipCluster.StartAsync(silos: 1, databasePrefix: "gateway_tests", configure: b => b.AddSiloBuilderConfigurator<TestSiloSettings>());
        Gateway = await GatewayHost.StartAsync(Cluster);
    }

    public async Task DisposeAsync()
    {
        if (_rawClient.IsValueCreated)
        {
            await (await _rawClient.Value).DisposeAsync();
        }

        if (Gateway is not null)
        {
            await Gateway.DisposeAsync();
        }

        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }
    }

    /// <summary>
    /// The stored JSON of the state of school <paramref name="school"/>'s grain <paramref name="id"/>, straight from the
    /// table (null if there is no row): "nothing written" checks read this.
    /// </summary>
    public async Task<string?> StoredAsync(string grainType, string school, string id)
        => (string?)await Cluster.Db.ScalarAsync(
            "SELECT state::text FROM orleans_grain_state WHERE service_id = $1 AND grain_type = $2 AND grain_key = $3",
            Cluster.Cluster.Options.ServiceId, grainType, Contracts.GrainKeys.For(school, id));
}

/// <summary>The grain settings of the gateway tests' silos.</summary>
public sealed class TestSiloSettings : Orleans.TestingHost.ISiloConfigurator
{
    public void Configure(Orleans.Hosting.ISiloBuilder siloBuilder)
        => siloBuilder.Services.Configure<Actors.Grains.Documents.DocumentGrainOptions>(o => o.AccessRecheckInterval = GatewayFixture.AccessRecheckInterval);
}

/// <summary>The tests that share one <see cref="GatewayFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class GatewayCollection : ICollectionFixture<GatewayFixture>
{
    public const string Name = "gateway";
}
