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
        ItemsName = tableName + "_items";
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

    /// <summary>The table of items stored per row (collections registered with <c>StoreItemsSeparately</c>).</summary>
    public string ItemsName { get; }

    /// <summary>The state row and its item rows, in one consistent read (inside BEGIN … COMMIT).</summary>
    public string ReadItemsSql => $"SELECT collection, item_key, item FROM {ItemsName} WHERE {KeyPredicate}";

    /// <summary>
    /// Item rows of the grain states whose row now carries the write's id, i.e. whose own write applied in this
    /// transaction (or in an earlier attempt whose COMMIT was cut off: then these rows are already there, and writing
    /// them again changes nothing). A write that lost its version check writes no items.
    /// </summary>
    public string UpsertItemsSql => $"""
        INSERT INTO {ItemsName} (service_id, grain_type, grain_key, state_name, collection, item_key, item, write_id)
        SELECT $1, w.grain_type, w.grain_key, w.state_name, w.collection, w.item_key, w.item::JSONB, w.write_id
        FROM unnest($2::TEXT[], $3::TEXT[], $4::TEXT[], $5::TEXT[], $6::TEXT[], $7::TEXT[], $8::UUID[]) AS w (grain_type, grain_key, state_name, collection, item_key, item, write_id)
        JOIN {Name} AS t
          ON t.service_id = $1 AND t.grain_type = w.grain_type AND t.grain_key = w.grain_key AND t.state_name = w.state_name AND t.write_id = w.write_id
        ON CONFLICT (service_id, grain_type, grain_key, state_name, collection, item_key)
        DO UPDATE SET item = excluded.item, write_id = excluded.write_id
        """;

    /// <summary>Deletes item rows, on the same condition as <see cref="UpsertItemsSql"/>.</summary>
    public string DeleteItemsSql => $"""
        DELETE FROM {ItemsName} AS i
        USING unnest($2::TEXT[], $3::TEXT[], $4::TEXT[], $5::TEXT[], $6::TEXT[], $7::UUID[]) AS w (grain_type, grain_key, state_name, collection, item_key, write_id),
              {Name} AS t
        WHERE i.service_id = $1 AND i.grain_type = w.grain_type AND i.grain_key = w.grain_key AND i.state_name = w.state_name
          AND i.collection = w.collection AND i.item_key = w.item_key
          AND t.service_id = $1 AND t.grain_type = w.grain_type AND t.grain_key = w.grain_key AND t.state_name = w.state_name AND t.write_id = w.write_id
        """;

    /// <summary>
    /// Deletes every item row of the grain states, on the same condition as <see cref="UpsertItemsSql"/>; runs before
    /// it in the batch, so a replacing write clears and then writes. Not rerun-safe on its own, and need not be: an
    /// attempt that reruns it after its earlier COMMIT applied also reruns the upserts of the same items.
    /// </summary>
    public string ClearItemsSql => $"""
        DELETE FROM {ItemsName} AS i
        USING unnest($2::TEXT[], $3::TEXT[], $4::TEXT[], $5::UUID[]) AS w (grain_type, grain_key, state_name, write_id),
              {Name} AS t
        WHERE i.service_id = $1 AND i.grain_type = w.grain_type AND i.grain_key = w.grain_key AND i.state_name = w.state_name
          AND t.service_id = $1 AND t.grain_type = w.grain_type AND t.grain_key = w.grain_key AND t.state_name = w.state_name AND t.write_id = w.write_id
        """;

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

    // 56 characters at most per part: "_items" is appended for the items table, within PostgreSQL's 63.
    [GeneratedRegex("^[a-z_][a-z0-9_]{0,55}(\\.[a-z_][a-z0-9_]{0,55})?$")]
    private static partial Regex NamePattern();
}
