using Orleans;

namespace Actors.Clustering.CockroachDb.Providers;

/// <summary>Options of Orleans cluster membership (silos) and gateway discovery (clients) on CockroachDB.</summary>
public sealed class CockroachClusteringOptions
{
    /// <summary>
    /// Npgsql connection string of the database that holds the membership tables (normally the same database as
    /// grain state). A multi-host string (<c>Host=a,b,c</c>) survives the loss of a CockroachDB node. Required.
    /// </summary>
    [Redact]
    public string? ConnectionString { get; set; }

    /// <summary>
    /// Create the membership tables and store the query texts (idempotently) on start-up, before membership is
    /// used. When false the tables must exist already (see <c>Sql/Clustering.sql</c>). Default true.
    /// </summary>
    public bool CreateSchemaOnStartup { get; set; } = true;

    /// <summary>
    /// How long start-up keeps trying to reach the database and prepare membership before it fails with a clear
    /// error; silos that start together retry each other's serialization conflicts within it. Default 30 s.
    /// </summary>
    public TimeSpan StartupTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
