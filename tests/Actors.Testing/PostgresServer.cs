using Npgsql;

namespace Actors.Testing;

/// <summary>
/// The PostgreSQL server the tests run against: <c>ACTORS_TEST_PG</c> if set, else the server that
/// <c>scripts/pg.sh start</c> runs on loopback. The server runs every transaction SERIALIZABLE, like CockroachDB.
/// Tests never mock the database.
/// </summary>
public static class PostgresServer
{
    /// <summary>Connection string of the server's maintenance database.</summary>
    public static string AdminConnectionString { get; } =
        Environment.GetEnvironmentVariable("ACTORS_TEST_PG")
        ?? $"Host=127.0.0.1;Port={Environment.GetEnvironmentVariable("ACTORS_PG_PORT") ?? "54329"};Username=postgres;Database=postgres";

    /// <summary>Creates a fresh, uniquely named database and returns it.</summary>
    public static Task<PostgresDatabase> CreateDatabaseAsync(string prefix = "actors_test") => CreateDatabaseAsync(prefix, AdminConnectionString);

    /// <summary>Creates a fresh, uniquely named database on the server of <paramref name="adminConnectionString"/>.</summary>
    public static async Task<PostgresDatabase> CreateDatabaseAsync(string prefix, string adminConnectionString)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(63, prefix.Length + 33)];
        await using var admin = new NpgsqlConnection(adminConnectionString);
        try
        {
            await admin.OpenAsync();
        }
        catch (Exception e)
        {
            throw new InvalidOperationException(
                $"The test PostgreSQL server is not reachable ({adminConnectionString}). Start it with `scripts/pg.sh start`, or set ACTORS_TEST_PG. {e.Message}", e);
        }

        await using (var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin))
        {
            await create.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name };
        return new PostgresDatabase(name, builder.ConnectionString, adminConnectionString);
    }
}
