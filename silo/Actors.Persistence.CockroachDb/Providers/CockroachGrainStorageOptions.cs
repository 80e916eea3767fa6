using Npgsql;
using Orleans;
using Orleans.Storage;

namespace Actors.Persistence.CockroachDb.Providers;

/// <summary>Options of a CockroachDB grain storage provider.</summary>
public sealed class CockroachGrainStorageOptions
{
    /// <summary>The default <see cref="TableName"/>.</summary>
    public const string DefaultTableName = "orleans_grain_state";

    /// <summary>
    /// Npgsql connection string. A multi-host string (<c>Host=a,b,c</c>) lets a retry after a node drain land on
    /// another node. Either this or <see cref="DataSource"/> is required.
    /// </summary>
    [Redact]
    public string? ConnectionString { get; set; }

    /// <summary>
    /// A data source to use instead of <see cref="ConnectionString"/>; the provider does not dispose it.
    /// </summary>
    public NpgsqlDataSource? DataSource { get; set; }

    /// <summary>
    /// Table that holds one row per grain state; optionally schema-qualified (<c>app.grain_state</c>).
    /// Lower-case letters, digits and underscores only. Default <see cref="DefaultTableName"/>.
    /// </summary>
    public string TableName { get; set; } = DefaultTableName;

    /// <summary>Create the table (idempotently) when the silo starts. Default true.</summary>
    public bool CreateSchemaOnStartup { get; set; } = true;

    /// <summary>
    /// How long silo start-up keeps trying to reach the database before it fails with a clear error. Default 30 s.
    /// </summary>
    public TimeSpan StartupTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long the database keeps a transaction of ours open while it waits for our next statement
    /// (<c>idle_in_transaction_session_timeout</c>, a session variable CockroachDB and PostgreSQL both honour, set on every
    /// connection made from <see cref="ConnectionString"/>); after it the server ends the session and its locks go. Our
    /// writes leave a transaction idle only between the UPDATE and the COMMIT (milliseconds), but a silo whose host
    /// vanishes in between leaves it idle with the row locked until the server notices the dead connection, which can take
    /// many minutes: meanwhile every write of that grain's new activation waits behind the lock. Keep it below the vanished
    /// host's detection plus the callers' timeout; a silo paused longer than this mid-write sees an ambiguous commit,
    /// which the retry reconciles. Default 5 s; <see cref="TimeSpan.Zero"/> leaves the server's setting alone. Not applied
    /// to a <see cref="DataSource"/> given ready-made.
    /// </summary>
    public TimeSpan IdleInTransactionTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Retry settings for reads and writes.</summary>
    public CockroachRetryOptions Retry { get; set; } = new();

    /// <summary>Cross-grain write batching (<see cref="CockroachBatchingOptions.Enabled"/> switches it off).</summary>
    public CockroachBatchingOptions Batching { get; set; } = new();

    /// <summary>Collections stored one row per item; see <see cref="StoreItemsSeparately{TState, TItem}"/>.</summary>
    public IList<ItemCollection> ItemCollections { get; } = [];

    /// <summary>
    /// Stores the keyed collection <paramref name="name"/> of <typeparamref name="TState"/> one row per item, so that
    /// a write costs the items that changed rather than the whole collection (see <see cref="ItemCollection"/> for the
    /// contract: immutable items; a setter that returns a new state). The collection is a
    /// <see cref="Contracts.Collections.TrackedDictionary{TValue}"/>, so a write finds the items that changed in the
    /// number of changes. Rows written before keep working: their items move to item rows on the grain's next write.
    /// </summary>
    public CockroachGrainStorageOptions StoreItemsSeparately<TState, TItem>(
        string name, Func<TState, Contracts.Collections.TrackedDictionary<TItem>?> get, Func<TState, Contracts.Collections.TrackedDictionary<TItem>, TState> set)
        where TItem : class
    {
        ItemCollections.Add(new ItemCollection<TState, TItem>(name, get, set));
        return this;
    }

    /// <summary>
    /// Serializer of grain state to JSON. Default: <see cref="Serialization.JsonGrainStateSerializer"/>
    /// (System.Text.Json, camelCase, no .NET type names). It must produce a single JSON value.
    /// </summary>
    public IGrainStorageSerializer? GrainStorageSerializer { get; set; }

    /// <summary>Silo lifecycle stage at which the provider connects and creates its schema.</summary>
    public int InitStage { get; set; } = ServiceLifecycleStage.ApplicationServices;
}
