using Actors.Persistence.CockroachDb.Providers;
using Actors.Testing;
using Npgsql;

namespace Actors.Persistence.Tests;

/// <summary>
/// Tests of a storage whose connections go through a <see cref="FaultProxy"/>, on a database of their own: the
/// proxy cuts connections at chosen moments and counts what crosses the wire.
/// </summary>
public abstract class ProxiedStorageTests(string databasePrefix) : IAsyncLifetime
{
    protected FaultProxy Proxy { get; private set; } = null!;

    protected StorageHarness H { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var database = await PostgresServer.CreateDatabaseAsync(databasePrefix);
        var target = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        Proxy = new FaultProxy(target.Host!, target.Port);
        H = await StorageHarness.CreateAsync(database, o =>
        {
            o.ConnectionString = database.With(b => b.Port = Proxy.Port);
            Configure(o);
        });
    }

    /// <summary>Further options of the storage under test.</summary>
    protected virtual void Configure(CockroachGrainStorageOptions options)
    {
    }

    public async Task DisposeAsync()
    {
        await H.DisposeAsync();
        await Proxy.DisposeAsync();
    }
}
