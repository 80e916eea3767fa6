using System.Data;
using Actors.Testing;
using Npgsql;
using Orleans;
using Orleans.Runtime;

namespace Actors.Clustering.Tests;

/// <summary>A database shared by the tests of one class; each test uses a cluster id of its own.</summary>
public sealed class SharedDatabase : IAsyncLifetime
{
    public PostgresDatabase Db { get; private set; } = null!;

    public async Task InitializeAsync() => Db = await PostgresServer.CreateDatabaseAsync("clustering_table");

    public async Task DisposeAsync() => await Db.DisposeAsync();
}

/// <summary>
/// The membership protocol's contract, through Orleans' own ADO.NET provider running the project's SQL: a silo row
/// changes only together with a bump of the table version, and only when the caller's version is current.
/// </summary>
public sealed class MembershipTableTests(SharedDatabase shared) : IClassFixture<SharedDatabase>
{
    [Fact]
    public async Task Initialization_creates_the_version_row_once()
    {
        await using var cluster = await MembershipTableHarness.StartAsync(shared.Db);
        await cluster.Table.InitializeMembershipTableAsync(true, CancellationToken.None);

        var table = await cluster.ReadAllAsync();

        Assert.Equal(0, table.Version.Version);
        Assert.Empty(table.Members);
        Assert.Equal(1L, await shared.Db.ScalarAsync("SELECT count(*) FROM OrleansMembershipVersionTable WHERE DeploymentId = $1", cluster.ClusterId));
    }

    [Fact]
    public async Task Insert_with_the_current_version_adds_the_row_and_bumps_the_version()
    {
        await using var cluster = await MembershipTableHarness.StartAsync(shared.Db);
        var entry = MembershipTableHarness.NewEntry(SiloStatus.Joining, proxyPort: 30_000);

        Assert.True(await cluster.InsertAsync(entry));

        var table = await cluster.Table.ReadRowAsync(entry.SiloAddress, CancellationToken.None);
        Assert.Equal(1, table.Version.Version);
        var stored = Assert.Single(table.Members).Item1;
        Assert.Equal(entry.SiloAddress, stored.SiloAddress);
        Assert.Equal(entry.SiloName, stored.SiloName);
        Assert.Equal(entry.HostName, stored.HostName);
        Assert.Equal(SiloStatus.Joining, stored.Status);
        Assert.Equal(30_000, stored.ProxyPort);
        Assert.Equal(entry.StartTime, stored.StartTime, TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public async Task Insert_with_a_stale_version_changes_nothing()
    {
        await using var cluster = await MembershipTableHarness.StartAsync(shared.Db);
        var stale = (await cluster.ReadAllAsync()).Version.Next();
        Assert.True(await cluster.InsertAsync(MembershipTableHarness.NewEntry()));

        Assert.False(await cluster.Table.InsertRowAsync(MembershipTableHarness.NewEntry(), stale, CancellationToken.None));

        var table = await cluster.ReadAllAsync();
        Assert.Equal(1, table.Version.Version);
        Assert.Single(table.Members);
    }

    [Fact]
    public async Task Inserting_a_silo_twice_fails_without_bumping_the_version()
    {
        await using var cluster = await MembershipTableHarness.StartAsync(shared.Db);
        var entry = MembershipTableHarness.NewEntry();
        Assert.True(await cluster.InsertAsync(entry));

        Assert.False(await cluster.InsertAsync(entry));

        var table = await cluster.ReadAllAsync();
        Assert.Equal(1, table.Version.Version);
        Assert.Single(table.Members);
    }

    [Fact]
    public async Task Update_with_the_current_version_changes_the_row_and_bumps_the_version()
    {
        await using var cluster = await MembershipTableHarness.StartAsync(shared.Db);
        var entry = MembershipTableHarness.NewEntry();
        Assert.True(await cluster.InsertAsync(entry));
        var suspecter = MembershipTableHarness.NewEntry().SiloAddress;
        var suspectedAt = DateTime.UtcNow;
        entry.Status = SiloStatus.Active;
        entry.SuspectTimes = [Tuple.Create(suspecter, suspectedAt)];

        var before = await cluster.ReadAllAsync();
        Assert.True(await cluster.UpdateAsync(entry, before.Version));

        var after = await cluster.Table.ReadRowAsync(entry.SiloAddress, CancellationToken.None);
        Assert.Equal(before.Version.Version + 1, after.Version.Version);
        var stored = Assert.Single(after.Members).Item1;
        Assert.Equal(SiloStatus.Active, stored.Status);
        var suspicion = Assert.Single(stored.SuspectTimes ?? []);
        Assert.Equal(suspecter, suspicion.Item1);
        Assert.Equal(suspectedAt, suspicion.Item2, TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public async Task Update_with_a_stale_version_changes_nothing()
    {
        await using var cluster = await MembershipTableHarness.StartAsync(shared.Db);
        var entry = MembershipTableHarness.NewEntry();
        var stale = (await cluster.ReadAllAsync()).Version;
        Assert.True(await cluster.InsertAsync(entry));
        entry.Status = SiloStatus.Dead;

        Assert.False(await cluster.UpdateAsync(entry, stale));

        var table = await cluster.ReadAllAsync();
        Assert.Equal(1, table.Version.Version);
        Assert.Equal(SiloStatus.Joining, Assert.Single(table.Members).Item1.Status);
    }

    [Fact]
    public async Task Updating_a_missing_silo_fails_without_bumping_the_version()
    {
        await using var cluster = await MembershipTableHarness.StartAsync(shared.Db);
        var current = (await cluster.ReadAllAsync()).Version;

        Assert.False(await cluster.UpdateAsync(MembershipTableHarness.NewEntry(SiloStatus.Active), current));

        Assert.Equal(current.Version, (await cluster.ReadAllAsync()).Version.Version);
    }

    [Fact]
    public async Task IAmAlive_moves_only_the_heartbeat()
    {
        await using var cluster = await MembershipTableHarness.StartAsync(shared.Db);
        var entry = MembershipTableHarness.NewEntry();
        Assert.True(await cluster.InsertAsync(entry));
        var heartbeat = entry.IAmAliveTime.AddSeconds(42);

        await cluster.Table.UpdateIAmAliveAsync(new MembershipEntry { SiloAddress = entry.SiloAddress, IAmAliveTime = heartbeat }, CancellationToken.None);

        var table = await cluster.ReadAllAsync();
        Assert.Equal(1, table.Version.Version);
        var stored = Assert.Single(table.Members).Item1;
        Assert.Equal(heartbeat, stored.IAmAliveTime, TimeSpan.FromMilliseconds(1));
        Assert.Equal(SiloStatus.Joining, stored.Status);
    }

    [Fact]
    public async Task Gateways_are_the_active_silos_that_accept_clients()
    {
        await using var cluster = await MembershipTableHarness.StartAsync(shared.Db);
        var gateway = MembershipTableHarness.NewEntry(SiloStatus.Active, proxyPort: 31_000);
        Assert.True(await cluster.InsertAsync(gateway));
        Assert.True(await cluster.InsertAsync(MembershipTableHarness.NewEntry(SiloStatus.Joining, proxyPort: 31_001)));
        Assert.True(await cluster.InsertAsync(MembershipTableHarness.NewEntry(SiloStatus.Active, proxyPort: 0)));

        var gateways = await cluster.Gateways.GetGatewaysAsync(CancellationToken.None);

        var uri = Assert.Single(gateways);
        Assert.Equal(SiloAddress.New(gateway.SiloAddress.Endpoint.Address, 31_000, gateway.SiloAddress.Generation).ToGatewayUri(), uri);
    }

    [Fact]
    public async Task Cleanup_removes_only_dead_silos_silent_since_the_cutoff()
    {
        await using var cluster = await MembershipTableHarness.StartAsync(shared.Db);
        var longAgo = DateTime.UtcNow.AddHours(-2);
        var deadAndSilent = Silent(SiloStatus.Dead);
        var activeAndSilent = Silent(SiloStatus.Active);
        var joiningAndSilent = Silent(SiloStatus.Joining);
        var deadRecently = MembershipTableHarness.NewEntry(SiloStatus.Dead);
        foreach (var entry in new[] { deadAndSilent, activeAndSilent, joiningAndSilent, deadRecently })
        {
            Assert.True(await cluster.InsertAsync(entry));
        }

        await cluster.Table.CleanupDefunctSiloEntriesAsync(DateTimeOffset.UtcNow.AddHours(-1), CancellationToken.None);

        var left = (await cluster.ReadAllAsync()).Members.Select(m => m.Item1.SiloAddress).ToHashSet();
        Assert.Equal(new HashSet<SiloAddress> { activeAndSilent.SiloAddress, joiningAndSilent.SiloAddress, deadRecently.SiloAddress }, left);

        MembershipEntry Silent(SiloStatus status)
        {
            var entry = MembershipTableHarness.NewEntry(status);
            entry.StartTime = entry.IAmAliveTime = longAgo;
            return entry;
        }
    }

    [Fact]
    public async Task Cleanup_of_one_silo_spares_a_row_that_changed_since_it_was_read()
    {
        await using var cluster = await MembershipTableHarness.StartAsync(shared.Db);
        var entry = MembershipTableHarness.NewEntry(SiloStatus.Dead);
        Assert.True(await cluster.InsertAsync(entry));
        var stored = Assert.Single((await cluster.ReadAllAsync()).Members).Item1;
        var sql = (string)(await shared.Db.ScalarAsync("SELECT QueryText FROM OrleansQuery WHERE QueryKey = 'CleanupDefunctSiloEntryKey'"))!;

        // What Orleans sends, but with a heartbeat older than the row's: the silo was heard of after the read.
        Assert.Equal(0, await CleanupOneAsync(sql, cluster.ClusterId, stored, stored.IAmAliveTime.AddSeconds(-1)));
        Assert.Equal(1, await CleanupOneAsync(sql, cluster.ClusterId, stored, stored.IAmAliveTime));
        Assert.Empty((await cluster.ReadAllAsync()).Members);
    }

    /// <summary>Runs the per-silo cleanup with the parameters Orleans 10.4 binds, by name, as its provider does.</summary>
    private async Task<int> CleanupOneAsync(string sql, string clusterId, MembershipEntry entry, DateTime iAmAliveTime)
    {
        await using var connection = new NpgsqlConnection(shared.Db.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("DeploymentId", clusterId);
        command.Parameters.AddWithValue("Address", entry.SiloAddress.Endpoint.Address.ToString());
        command.Parameters.AddWithValue("Port", entry.SiloAddress.Endpoint.Port);
        command.Parameters.AddWithValue("Generation", entry.SiloAddress.Generation);
        command.Parameters.Add(new NpgsqlParameter("SuspectTimes", DbType.String) { Value = DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("StartTime", DbType.DateTime) { Value = entry.StartTime });
        command.Parameters.Add(new NpgsqlParameter("IAmAliveTime", DbType.DateTime) { Value = iAmAliveTime });
        return await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task Delete_removes_the_cluster_and_nothing_else()
    {
        await using var doomed = await MembershipTableHarness.StartAsync(shared.Db);
        await using var other = await MembershipTableHarness.StartAsync(shared.Db);
        Assert.True(await doomed.InsertAsync(MembershipTableHarness.NewEntry()));
        Assert.True(await other.InsertAsync(MembershipTableHarness.NewEntry()));

        await doomed.Table.DeleteMembershipTableEntriesAsync(doomed.ClusterId, CancellationToken.None);

        Assert.Equal(0L, await shared.Db.ScalarAsync(
            "SELECT (SELECT count(*) FROM OrleansMembershipTable WHERE DeploymentId = $1) + (SELECT count(*) FROM OrleansMembershipVersionTable WHERE DeploymentId = $1)",
            doomed.ClusterId));
        Assert.Single((await other.ReadAllAsync()).Members);
    }
}
