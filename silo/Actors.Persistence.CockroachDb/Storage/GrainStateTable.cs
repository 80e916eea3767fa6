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

        // Every write statement names one grain state by its whole primary key (scalar parameters, no arrays joined
        // against the table): a batch's statements read and write only its own rows, whatever plan the database
        // picks, so concurrent batches over different grains have nothing to serialize on (docs/storage.md,
        // "Cross-grain batching"). Each returns (write_id, version) when it applied; a write that returns nothing
        // lost its version check, or applied in an earlier attempt whose COMMIT was cut off, and SettleSql tells which.

        // A first write succeeds only if its row does not exist (ETag null). ON CONFLICT DO NOTHING turns a lost
        // race into "not returned"; its existence check is not an MVCC read, so it takes no predicate lock.
        InsertSql = $"""
            INSERT INTO {tableName} (service_id, grain_type, grain_key, state_name, version, state, write_id, modified_at)
            VALUES ($1, $2, $3, $4, 1, $5::JSONB, $6, now())
            ON CONFLICT (service_id, grain_type, grain_key, state_name) DO NOTHING
            RETURNING write_id, version
            """;

        // A later write applies only where the stored version is the one its grain read (its ETag).
        UpdateSql = $"""
            UPDATE {tableName}
            SET version = version + 1, state = $6::JSONB, write_id = $7, modified_at = now()
            WHERE {KeyPredicate} AND version = $5
            RETURNING write_id, version
            """;

        // What a row holds, read after the batch committed, for the writes that returned nothing: the write's own
        // write_id there means an earlier attempt applied it; anything else is a conflict.
        SettleSql = $"SELECT version, write_id FROM {tableName} WHERE {KeyPredicate}";

        // The items table's statements (collections stored per item), built once like the rest.
        var stateRowCarriesWrite = $"EXISTS (SELECT 1 FROM {tableName} AS t WHERE t.service_id = $1 AND t.grain_type = $2 AND t.grain_key = $3 AND t.state_name = $4 AND t.write_id = $7)";
        ReadItemsSql = $"SELECT collection, item_key, item::TEXT FROM {ItemsName} WHERE {KeyPredicate}";
        UpsertItemsSql = $"""
            INSERT INTO {ItemsName} (service_id, grain_type, grain_key, state_name, collection, item_key, item, write_id)
            SELECT $1, $2, $3, $4, w.collection, w.item_key, w.item::JSONB, $7
            FROM unnest($5::TEXT[], $6::TEXT[], $8::TEXT[]) AS w (collection, item_key, item)
            WHERE {stateRowCarriesWrite}
            ON CONFLICT (service_id, grain_type, grain_key, state_name, collection, item_key)
            DO UPDATE SET item = excluded.item, write_id = excluded.write_id
            """;
        DeleteItemsSql = $"""
            DELETE FROM {ItemsName} AS i
            USING unnest($5::TEXT[], $6::TEXT[]) AS w (collection, item_key)
            WHERE i.service_id = $1 AND i.grain_type = $2 AND i.grain_key = $3 AND i.state_name = $4
              AND i.collection = w.collection AND i.item_key = w.item_key
              AND {stateRowCarriesWrite}
            """;
        ClearItemsSql = $"""
            DELETE FROM {ItemsName}
            WHERE {KeyPredicate}
              AND EXISTS (SELECT 1 FROM {tableName} AS t WHERE t.service_id = $1 AND t.grain_type = $2 AND t.grain_key = $3 AND t.state_name = $4 AND t.write_id = $5)
            """;
    }

    /// <summary>The table of items stored per row (collections registered with <c>StoreItemsSeparately</c>).</summary>
    public string ItemsName { get; }

    /// <summary>
    /// The item rows of a grain state (read with the state row inside BEGIN … COMMIT). The item comes as text, which
    /// Npgsql hands over as its UTF-8 bytes, straight into the deserializer: the same text the server renders for
    /// JSONB anyway (jsonb's binary wire format is a version byte and that text), without a .NET string per item.
    /// </summary>
    public string ReadItemsSql { get; }

    /// <summary>
    /// Item rows of one grain state, written only if its state row now carries the write's id ($7), i.e. its own write
    /// applied in this transaction (or in an earlier attempt whose COMMIT was cut off: then these rows are already
    /// there, and writing them again changes nothing). A write that lost its version check writes no items. The
    /// condition is a one-time point read of the state row by its primary key.
    /// </summary>
    public string UpsertItemsSql { get; }

    /// <summary>Deletes item rows of one grain state, on the same condition as <see cref="UpsertItemsSql"/>; reads only that grain's items.</summary>
    public string DeleteItemsSql { get; }

    /// <summary>
    /// Deletes every item row of one grain state, on the same condition as <see cref="UpsertItemsSql"/> ($5 is the
    /// write id here); runs before it in the batch, so a replacing write clears, then writes. Not rerun-safe on its
    /// own, and need not be: an attempt that reruns it after its earlier COMMIT applied also reruns the upserts of
    /// the same items.
    /// </summary>
    public string ClearItemsSql { get; }


    /// <summary>
    /// The last statement before COMMIT: once its row has arrived, every write statement of the batch has run, so
    /// a failure from then on may have come at the COMMIT.
    /// </summary>
    public const string BeforeCommitSql = "SELECT 1 AS before_commit";

    /// <summary>Opens every write's transaction: explicit, so the isolation does not depend on the server default.</summary>
    public const string BeginSql = "BEGIN ISOLATION LEVEL SERIALIZABLE";

    public const string CommitSql = "COMMIT";

    public string Name { get; }

    public string CreateSql { get; }

    public string ReadSql { get; }

    public string InsertSql { get; }

    public string UpdateSql { get; }

    public string SettleSql { get; }

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
