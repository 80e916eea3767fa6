using Actors.Testing;
using Npgsql;

namespace Actors.Benchmarks.Hosting;

/// <summary>
/// The PostgreSQL server a run measures against. By default a server of the run's own (<c>scripts/pg.sh</c> on a free
/// port, fsync on as in production, every transaction SERIALIZABLE), so that its CPU time and WAL are the run's
/// alone: the shared test server on 54329 also serves other people's tests, and runs with fsync off. With
/// <c>--database</c> the run uses an existing server instead, and its CPU and WAL are not measured.
/// </summary>
internal sealed class BenchDatabaseServer : IAsyncDisposable
{
    private readonly PrivatePostgresServer? _private;
    private readonly string _adminConnectionString;
    private readonly List<PostgresDatabase> _databases = [];

    private BenchDatabaseServer(PrivatePostgresServer? privateServer, string adminConnectionString)
    {
        _private = privateServer;
        _adminConnectionString = adminConnectionString;
    }

    /// <summary>What the rows' database columns measure, for the printed header.</summary>
    public string Description => _private is null
        ? "an existing server (--database): its CPU and WAL not measured"
        : $"a server of this run's own on 127.0.0.1:{_private.Port} (PostgreSQL, fsync on, SERIALIZABLE)";

    /// <summary>True when <see cref="SampleAsync"/> measures CPU and WAL.</summary>
    public bool Measured => _private is not null;

    /// <summary>Starts a server of the run's own, or connects to <paramref name="adminConnectionString"/> if given.</summary>
    public static async Task<BenchDatabaseServer> StartAsync(string? adminConnectionString)
    {
        if (adminConnectionString is not null)
        {
            return new BenchDatabaseServer(null, adminConnectionString);
        }

        var server = await PrivatePostgresServer.StartAsync(durable: true);
        return new BenchDatabaseServer(server, server.AdminConnectionString);
    }

    /// <summary>A fresh database, dropped when the server is disposed.</summary>
    public async Task<PostgresDatabase> CreateDatabaseAsync(string prefix)
    {
        var database = await PostgresServer.CreateDatabaseAsync(prefix, _adminConnectionString);
        _databases.Add(database);
        return database;
    }

    /// <summary>The server's CPU time so far (all its processes) and its WAL position, when measured.</summary>
    public async Task<DatabaseSample> SampleAsync()
    {
        if (_private is null)
        {
            return new DatabaseSample(null, null);
        }

        // The query first, then the CPU: a round then counts the query of the reading that follows it, not both.
        await using var connection = new NpgsqlConnection(_adminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint", connection);
        var wal = (long)(await command.ExecuteScalarAsync())!;
        var cpu = Measurement.ProcStat.TreeCpu(Measurement.ProcStat.ReadAll(), _private.PostmasterPid);
        return new DatabaseSample(cpu, wal);
    }

    public async ValueTask DisposeAsync()
    {
        if (_private is not null)
        {
            // Stopping the server discards its databases with it.
            await _private.DisposeAsync();
            return;
        }

        foreach (var database in _databases)
        {
            await database.DisposeAsync();
        }
    }
}

/// <summary>A reading of the database server: CPU time of all its processes so far, and its WAL position in bytes.</summary>
internal sealed record DatabaseSample(TimeSpan? Cpu, long? WalPosition);
