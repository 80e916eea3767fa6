using System.Reflection;
using System.Text.RegularExpressions;

namespace Actors.Persistence.CockroachDb.Storage;

/// <summary>
/// The SQL of the grain state table, built once for a validated table name. Writes take arrays (one element per
/// grain state written), so one statement text serves a write of one state and a batch of many: the text never
/// changes, and Npgsql's automatic preparation keeps one plan for it.
/// </summary>
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

        // First writes: each succeeds only if its row does not exist (ETag null). ON CONFLICT DO NOTHING turns a lost
        // race into "not returned"; the outcome query then tells a conflict from our own earlier, cut-off attempt.
        InsertSql = $"""
            INSERT INTO {tableName} (service_id, grain_type, grain_key, state_name, version, state, write_id, modified_at)
            SELECT $1, w.grain_type, w.grain_key, w.state_name, 1, w.state::JSONB, w.write_id, now()
            FROM unnest($2::TEXT[], $3::TEXT[], $4::TEXT[], $5::TEXT[], $6::UUID[]) AS w (grain_type, grain_key, state_name, state, write_id)
            ON CONFLICT (service_id, grain_type, grain_key, state_name) DO NOTHING
            RETURNING write_id
            """;

        // Later writes: each only where the stored version is the one its grain read (its ETag).
        UpdateSql = $"""
            UPDATE {tableName} AS t
            SET version = t.version + 1, state = w.state::JSONB, write_id = w.write_id, modified_at = now()
            FROM unnest($2::TEXT[], $3::TEXT[], $4::TEXT[], $5::INT8[], $6::TEXT[], $7::UUID[]) AS w (grain_type, grain_key, state_name, expected, state, write_id)
            WHERE t.service_id = $1 AND t.grain_type = w.grain_type AND t.grain_key = w.grain_key AND t.state_name = w.state_name
              AND t.version = w.expected
            RETURNING t.write_id
            """;

        // What each row holds once the statements above ran, inside the same transaction: a row carrying a write's
        // own write_id means that write is in (applied now, or by an earlier attempt whose COMMIT was cut off);
        // anything else is a conflict. i is the write's position in the arrays.
        OutcomeSql = $"""
            SELECT w.i, t.version, t.write_id
            FROM unnest($2::TEXT[], $3::TEXT[], $4::TEXT[]) WITH ORDINALITY AS w (grain_type, grain_key, state_name, i)
            JOIN {tableName} AS t
              ON t.service_id = $1 AND t.grain_type = w.grain_type AND t.grain_key = w.grain_key AND t.state_name = w.state_name
            """;
    }

    /// <summary>Opens every write's transaction: explicit, so the isolation does not depend on the server default.</summary>
    public const string BeginSql = "BEGIN ISOLATION LEVEL SERIALIZABLE";

    public const string CommitSql = "COMMIT";

    public string Name { get; }

    public string CreateSql { get; }

    public string ReadSql { get; }

    public string InsertSql { get; }

    public string UpdateSql { get; }

    public string OutcomeSql { get; }

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
