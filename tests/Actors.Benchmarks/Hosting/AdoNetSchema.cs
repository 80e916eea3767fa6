using Npgsql;

namespace Actors.Benchmarks.Hosting;

/// <summary>
/// Creates the stock ADO.NET provider's tables, function and queries from its own PostgreSQL scripts, kept as
/// benchmark fixtures (Fixtures/AdoNet: upstream path and licence in each header) since the NuGet package has none.
/// </summary>
internal static class AdoNetSchema
{
    // Main creates OrleansQuery; Persistence creates OrleansStorage and its function and inserts the queries.
    private static readonly string[] Scripts = ["AdoNet.PostgreSQL-Main.sql", "AdoNet.PostgreSQL-Persistence.sql"];

    /// <summary>
    /// Runs the scripts on <paramref name="connectionString"/>'s database. Run before a silo starts there: our
    /// clustering creates OrleansQuery only if it is missing, while the stock script requires that it is.
    /// </summary>
    public static async Task CreateAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        foreach (var script in Scripts)
        {
            await using var command = new NpgsqlCommand(Read(script), connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    private static string Read(string resource)
    {
        using var stream = typeof(AdoNetSchema).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded script {resource} is missing from {typeof(AdoNetSchema).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
