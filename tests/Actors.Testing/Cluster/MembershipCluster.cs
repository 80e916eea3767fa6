using Orleans.Runtime;
using Orleans.TestingHost;

namespace Actors.Testing.Cluster;

/// <summary>
/// A <see cref="TestCluster"/> (real TCP, real membership: not the in-memory test membership) whose silos and client
/// use CockroachDB clustering on a fresh database, and a view of its membership rows in that database.
/// </summary>
public sealed class MembershipCluster : IAsyncDisposable
{
    private MembershipCluster(PostgresDatabase db, TestCluster cluster)
    {
        Db = db;
        Cluster = cluster;
    }

    public PostgresDatabase Db { get; }

    public TestCluster Cluster { get; }

    /// <summary>
    /// Deploys <paramref name="silos"/> silos and a client on a fresh database named after <paramref name="databasePrefix"/>.
    /// The silos host every grain class of the assemblies the test project references; <paramref name="configure"/>
    /// may add configurators of the test's own (grain options, say).
    /// </summary>
    public static async Task<MembershipCluster> StartAsync(short silos = 2, string databasePrefix = "clustering_cluster", Action<TestClusterBuilder>? configure = null)
    {
        var db = await PostgresServer.CreateDatabaseAsync(databasePrefix);
        var builder = new TestClusterBuilder(silos);
        builder.Options.UseTestClusterMembership = false;
        builder.Options.ConnectionTransport = ConnectionTransportType.TcpSocket;
        builder.Properties[CockroachClusterConfigurator.ConnectionStringKey] = db.ConnectionString;
        builder.AddSiloBuilderConfigurator<CockroachClusterConfigurator>();
        builder.AddClientBuilderConfigurator<CockroachClusterConfigurator>();
        configure?.Invoke(builder);
        var cluster = builder.Build();
        try
        {
            await cluster.DeployAsync();
        }
        catch
        {
            await cluster.DisposeAsync();
            await db.DisposeAsync();
            throw;
        }

        return new MembershipCluster(db, cluster);
    }

    /// <summary>The cluster's silo rows, read straight from the database.</summary>
    public Task<IReadOnlyList<MembershipRow>> RowsAsync() => MembershipRow.ReadAsync(Db, Cluster.Options.ClusterId);

    /// <summary>Polls the rows until <paramref name="done"/> holds, at most <paramref name="timeout"/>.</summary>
    public Task<IReadOnlyList<MembershipRow>> RowsWhenAsync(Func<IReadOnlyList<MembershipRow>, bool> done, TimeSpan timeout, string what)
        => MembershipRow.WaitAsync(Db, Cluster.Options.ClusterId, done, timeout, what);

    /// <summary>The row of the silo at <paramref name="silo"/>.</summary>
    public static MembershipRow RowOf(IReadOnlyList<MembershipRow> rows, SiloAddress silo)
        => rows.Single(r => r.Port == silo.Endpoint.Port && r.Generation == silo.Generation);

    /// <summary>The silo handle hosting <paramref name="parsableAddress"/>.</summary>
    public SiloHandle SiloAt(string parsableAddress)
        => Cluster.Silos.Single(s => s.SiloAddress.ToParsableString() == parsableAddress);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Cluster.StopAllSilosAsync();
        }
        finally
        {
            await Cluster.DisposeAsync();
            await Db.DisposeAsync();
        }
    }
}
