using Actors.Persistence.CockroachDb.Providers;
using Orleans;

namespace Actors.Persistence.CockroachDb.Audit;

/// <summary>Options of the audit trail on CockroachDB (<see cref="CockroachAuditTrail"/>).</summary>
public sealed class CockroachAuditTrailOptions
{
    /// <summary>The default <see cref="TableName"/>.</summary>
    public const string DefaultTableName = "actors_audit_event";

    /// <summary>Npgsql connection string (required).</summary>
    [Redact]
    public string? ConnectionString { get; set; }

    /// <summary>The table of audit events; lower-case letters, digits and underscores, optionally schema-qualified. Default <see cref="DefaultTableName"/>.</summary>
    public string TableName { get; set; } = DefaultTableName;

    /// <summary>Create the table (idempotently) when the silo starts. Default true.</summary>
    public bool CreateSchemaOnStartup { get; set; } = true;

    /// <summary>How long silo start-up keeps trying to reach the database. Default 30 s.</summary>
    public TimeSpan StartupTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Retry settings for appends and reads (the same as grain storage's).</summary>
    public CockroachRetryOptions Retry { get; set; } = new();
}
