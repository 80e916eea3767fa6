using Actors.Testing;
using Npgsql;
using Orleans.Runtime;
using Orleans.TestingHost;

namespace Actors.Clustering.Tests.Cluster;

/// <summary>One silo's row in <c>OrleansMembershipTable</c>.</summary>
public sealed record MembershipRow(string SiloName, string Address, int Port, int Generation, SiloStatus Status, string? SuspectTimes)
{
    /// <summary>Whether this row belongs to the silo at <paramref name="silo"/>.</summary>
    public bool Is(SiloAddress silo) => Port == silo.Endpoint.Port && Generation == silo.Generation;
}

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

    /// <summary>Deploys <paramref name="silos"/> silos and a client.</summary>
    public static async Task<MembershipCluster> StartAsync(short silos = 2)
    {
        var db = await PostgresServer.CreateDatabaseAsync("clustering_cluster");
        var builder = new TestClusterBuilder(silos);
        builder.Options.UseTestClusterMembership = false;
        builder.Options.ConnectionTransport = ConnectionTransportType.TcpSocket;
        builder.Properties[CockroachClusterConfigurator.ConnectionStringKey] = db.ConnectionString;
        builder.AddSiloBuilderConfigurator<CockroachClusterConfigurator>();
        builder.AddClientBuilderConfigurator<CockroachClusterConfigurator>();
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
    public async Task<IReadOnlyList<MembershipRow>> RowsAsync()
    {
        await using var connection = new NpgsqlConnection(Db.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT SiloName, Address, Port, Generation, Status, SuspectTimes FROM OrleansMembershipTable WHERE DeploymentId = $1 ORDER BY SiloName",
            connection);
        command.Parameters.Add(new NpgsqlParameter { Value = Cluster.Options.ClusterId });
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<MembershipRow>();
        while (await reader.ReadAsync())
        {
            rows.Add(new MembershipRow(
                reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt32(3), (SiloStatus)reader.GetInt32(4),
                reader.IsDBNull(5) ? null : reader.GetString(5)));
        }

        return rows;
    }

    /// <summary>Polls the rows until <paramref name="done"/> holds, at most <paramref name="timeout"/>.</summary>
    public Task<IReadOnlyList<MembershipRow>> RowsWhenAsync(Func<IReadOnlyList<MembershipRow>, bool> done, TimeSpan timeout, string what)
        => Poll.UntilAsync(RowsAsync, done, timeout, what, rows => string.Join("; ", rows));

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
