using System.Reflection;
using System.Text.RegularExpressions;

namespace Actors.Persistence.CockroachDb.Storage;

/// <summary>The SQL of the grain state table, built once for a validated table name.</summary>
internal sealed partial class GrainStateTable
{
    private const string KeyPredicate = "service_id = $1 AND grain_type = $2 AND grain_key = $3 AND state_name = $4";

    public GrainStateTable(string tableName)
    {
        if (!IsValidName(tableName))
        {
            throw new ArgumentException($"'{tableName}' is not a valid table name: use lower-case letters, digits and underscores, optionally 'schema.table'.", nameof(tableName));
        }

        Name = tableName;
        CreateSql = LoadScript("GrainStateTable.sql").Replace("{table}", tableName, StringComparison.Ordinal);
        ReadSql = $"SELECT version, state, write_id FROM {tableName} WHERE {KeyPredicate}";

        // First write: succeeds only if no row exists (ETag null). ON CONFLICT DO NOTHING turns a lost race into
        // "no row returned", which the caller reports as a version conflict.
        InsertSql = $"""
            INSERT INTO {tableName} (service_id, grain_type, grain_key, state_name, version, state, write_id, modified_at)
            VALUES ($1, $2, $3, $4, 1, $5, $6, now())
            ON CONFLICT (service_id, grain_type, grain_key, state_name) DO NOTHING
            RETURNING version
            """;

        // Later writes: only where the stored version is the one the grain read (its ETag).
        UpdateSql = $"""
            UPDATE {tableName}
            SET version = version + 1, state = $5, write_id = $6, modified_at = now()
            WHERE {KeyPredicate} AND version = $7
            RETURNING version
            """;
    }

    public string Name { get; }

    public string CreateSql { get; }

    public string ReadSql { get; }

    public string InsertSql { get; }

    public string UpdateSql { get; }

    public static bool IsValidName(string? name) => name is not null && NamePattern().IsMatch(name);

    internal static string LoadScript(string fileName)
    {
        var assembly = typeof(GrainStateTable).Assembly;
        var resource = assembly.GetManifestResourceNames().Single(n => n.EndsWith("." + fileName, StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}(\\.[a-z_][a-z0-9_]{0,62})?$")]
    private static partial Regex NamePattern();
}
