using Actors.Clustering.CockroachDb.Providers;
using Actors.Persistence.CockroachDb.Resilience;
using Npgsql;

namespace Actors.Clustering.CockroachDb.Membership;

/// <summary>The project's membership script (<c>Sql/Clustering.sql</c>) and the start-up step that applies it.</summary>
internal static class ClusteringSchema
{
    /// <summary>Reading the query table proves the schema is there when this process may not create it.</summary>
    internal const string CheckSql = "SELECT count(*) FROM OrleansQuery";

    /// <summary>The script: tables plus the query texts the ADO.NET provider reads from <c>OrleansQuery</c>.</summary>
    public static string Script { get; } = LoadScript("Clustering.sql");

    /// <summary>
    /// Makes sure the schema exists (creating it if <see cref="CockroachClusteringOptions.CreateSchemaOnStartup"/>),
    /// then runs <paramref name="initialize"/>, the ADO.NET provider's own start-up, which reads the query texts and,
    /// on a silo, inserts the cluster's version row. Both are retried together through <see cref="StartupRetry"/>:
    /// silos that start at once race on the same rows and some get serialization failures (40001) to retry, and
    /// Orleans itself does not retry a failed membership initialization.
    /// </summary>
    public static async Task PrepareAsync(
        CockroachClusteringOptions options, string what, Func<CancellationToken, Task> initialize, CancellationToken cancellationToken)
    {
        await using var dataSource = NpgsqlDataSource.Create(options.ConnectionString!);
        var sql = options.CreateSchemaOnStartup ? Script : CheckSql;
        await StartupRetry.RunAsync(dataSource, what, options.StartupTimeout, async (connection, ct) =>
        {
            await using (var command = new NpgsqlCommand(sql, connection))
            {
                await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            await initialize(ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    private static string LoadScript(string fileName)
    {
        // The project embeds Sql/*.sql under their bare file names (LogicalName in the .csproj).
        using var stream = typeof(ClusteringSchema).Assembly.GetManifestResourceStream(fileName)
            ?? throw new InvalidOperationException($"Embedded script {fileName} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
