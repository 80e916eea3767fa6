using Npgsql;

namespace Actors.Testing;

/// <summary>
/// A database of its own for one test fixture, dropped on dispose. <paramref name="adminConnectionString"/> is the
/// maintenance database of its server (default: <see cref="PostgresServer.AdminConnectionString"/>).
/// </summary>
public sealed class PostgresDatabase(string name, string connectionString, string? adminConnectionString = null) : IAsyncDisposable
{
    private readonly string _admin = adminConnectionString ?? PostgresServer.AdminConnectionString;

    /// <summary>The database name.</summary>
    public string Name { get; } = name;

    /// <summary>Connection string to this database.</summary>
    public string ConnectionString { get; } = connectionString;

    /// <summary>Connection string with other settings (e.g. a proxy's host and port, pool size).</summary>
    public string With(Action<NpgsqlConnectionStringBuilder> change)
    {
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
        change(builder);
        return builder.ConnectionString;
    }

    /// <summary>Runs one statement and returns its first column of the first row.</summary>
    public async Task<object?> ScalarAsync(string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var p in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = p });
        }

        return await command.ExecuteScalarAsync();
    }

    /// <summary>
    /// Kills every server process connected to this database but the caller's own, as an operator's
    /// <c>pg_terminate_backend</c> or a CockroachDB node drain would. Returns how many were killed. Unless
    /// <paramref name="keepOwnPool"/>, this process's pool for <see cref="ConnectionString"/> is cleared too, so the test's
    /// own next statement gets a fresh connection; with it, code that shares the pool meets the broken connections.
    /// </summary>
    public async Task<int> TerminateConnectionsAsync(bool keepOwnPool = false)
    {
        await using var admin = new NpgsqlConnection(_admin);
        await admin.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
            admin);
        command.Parameters.Add(new NpgsqlParameter { Value = Name });
        var killed = Convert.ToInt32(await command.ExecuteScalarAsync());

        if (keepOwnPool)
        {
            return killed;
        }

        // The test's own idle connections to the database were among them: do not hand them out again.
        await using (var pooled = new NpgsqlConnection(ConnectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        return killed;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            await using var admin = new NpgsqlConnection(_admin);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
        catch (NpgsqlException)
        {
            // Best effort: a database left behind by a crashed run does no harm to the next one (names are unique).
        }
    }
}
