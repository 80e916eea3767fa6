using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Actors.Persistence.CockroachDb.Diagnostics;
using Actors.Persistence.CockroachDb.Providers;
using Actors.Persistence.CockroachDb.Resilience;
using Actors.Persistence.CockroachDb.Serialization;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans;
using Orleans.Runtime;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace Actors.Persistence.CockroachDb.Storage;

/// <summary>
/// Orleans grain storage on CockroachDB (or PostgreSQL). One row per grain state; the ETag is the row's
/// version; every write is one SERIALIZABLE transaction conditional on that version, sent in one round trip
/// (<see cref="BatchWriter"/>) and retried on retryable errors, with ambiguous commits resolved by the write id.
/// Concurrent writes of different grains share a transaction (<see cref="WriteBatcher"/>), and concurrent reads a
/// round trip (<see cref="ReadBatcher"/>). See <c>docs/storage.md</c>.
/// </summary>
public sealed partial class CockroachGrainStorage : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>, IAsyncDisposable
{
    private readonly string _name;
    private readonly string _serviceId;
    private readonly CockroachGrainStorageOptions _options;
    private readonly GrainStateTable _table;
    private readonly NpgsqlDataSource _dataSource;
    private readonly bool _ownsDataSource;
    private readonly IGrainStorageSerializer _serializer;
    private readonly IActivatorProvider _activatorProvider;
    private readonly CockroachStorageMetrics _metrics;
    private readonly DatabaseRetryExecutor _executor;
    private readonly BatchWriter _writer;
    private readonly WriteBatcher? _batcher;
    private readonly BatchReader _reader;
    private readonly ReadBatcher? _readBatcher;
    private readonly ItemizedStates _items;
    private readonly ILogger _logger;

    /// <summary>Creates the provider; it connects when the silo starts (<see cref="Participate"/>).</summary>
    public CockroachGrainStorage(
        string name,
        string serviceId,
        CockroachGrainStorageOptions options,
        IActivatorProvider activatorProvider,
        CockroachStorageMetrics metrics,
        ILogger<CockroachGrainStorage> logger)
    {
        _name = name;
        _serviceId = serviceId;
        _options = options;
        _table = new GrainStateTable(options.TableName);
        _ownsDataSource = options.DataSource is null;
        _dataSource = options.DataSource ?? NpgsqlDataSource.Create(
            SessionSettings.Apply(ConnectionSettings.WithProviderDefaults(options.ConnectionString!), options.IdleInTransactionTimeout));
        _serializer = options.GrainStorageSerializer ?? new JsonGrainStateSerializer();
        _activatorProvider = activatorProvider;
        _metrics = metrics;
        _executor = new DatabaseRetryExecutor(options.Retry, _dataSource, metrics);
        _writer = new BatchWriter(_table, serviceId, _dataSource, _executor, metrics);
        _batcher = options.Batching.Enabled ? new WriteBatcher(_writer, options.Batching, metrics) : null;
        _reader = new BatchReader(_table, _dataSource, _executor);
        _readBatcher = options.Batching is { Enabled: true, Reads: true } ? new ReadBatcher(_reader, options.Batching, metrics) : null;
        _items = new ItemizedStates(options.ItemCollections);
        _logger = logger;
    }

    /// <inheritdoc />
    public void Participate(ISiloLifecycle lifecycle)
        => lifecycle.Subscribe(OptionFormattingUtilities.Name<CockroachGrainStorage>(_name), _options.InitStage, InitializeAsync);

    /// <summary>Connects and creates the table; run by the silo lifecycle (and directly by tests).</summary>
    internal async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var sql = _options.CreateSchemaOnStartup ? _table.CreateSql
            : _items.Any ? $"SELECT 1 FROM {_table.Name} LIMIT 0; SELECT 1 FROM {_table.ItemsName} LIMIT 0"
            : $"SELECT 1 FROM {_table.Name} LIMIT 0";
        try
        {
            await StartupRetry.RunAsync(_dataSource, $"Grain storage '{_name}'", _options.StartupTimeout, async (connection, ct) =>
            {
                await using var command = new NpgsqlCommand(sql, connection);
                await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException e)
        {
            LogInitFailed(e.InnerException ?? e, _name);
            throw new CockroachStorageException(e.Message, isTransient: false, (e.InnerException as PostgresException)?.SqlState);
        }

        LogInitialized(_name, _table.Name, StartupRetry.Describe(_dataSource));
    }

    /// <inheritdoc />
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var started = Stopwatch.GetTimestamp();
        var key = GrainStateKey.From(_serviceId, stateName, grainId);
        var read = new GrainRead(key, _items.For(typeof(T)), _serializer, started);
        try
        {
            if (_readBatcher is not null)
            {
                await _readBatcher.ReadAsync(read).ConfigureAwait(false);
            }
            else
            {
                await _reader.ReadAsync([read]).ConfigureAwait(false);
            }
        }
        catch (Exception e)
        {
            throw Failure(e, "read", key);
        }

        if (read.ItemError is { } itemError)
        {
            _metrics.Failed("read");
            LogOperationFailed(itemError, "read", _name, key.ToString());
            throw new CockroachStorageException($"Stored items of {key} in storage '{_name}' cannot be read: {itemError.Message}");
        }

        var row = read.Row;
        grainState.ETag = row is null ? null : FormatETag(row.Version);
        grainState.RecordExists = row?.State is not null;
        var state = row?.State is { } json ? Deserialize<T>(json, key) : CreateInstance<T>();
        if (read.Itemized.Length > 0)
        {
            state = MergeItems(grainState, state, read.Items);
        }

        grainState.State = state;
        _metrics.Completed("read", started);
    }

    /// <inheritdoc />
    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var started = Stopwatch.GetTimestamp();
        var key = GrainStateKey.From(_serviceId, stateName, grainId);
        var itemized = _items.For(typeof(T));
        long version;
        if (itemized.Length == 0)
        {
            var json = _serializer.Serialize(grainState.State).ToString();
            version = await WriteRowAsync("write", key, json, grainState.ETag, started).ConfigureAwait(false);
        }
        else
        {
            // The state row without the collections stored per item, and only the items that changed.
            var stored = _items.Split(itemized, grainState, grainState.State!, _serializer, out var row, out var changes, out var replace);
            var json = _serializer.Serialize((T)row).ToString();
            version = await WriteRowAsync("write", key, json, grainState.ETag, started, changes, replace).ConfigureAwait(false);
            _items.Remember(typeof(T), grainState, stored);
        }

        grainState.ETag = FormatETag(version);
        grainState.RecordExists = true;
        _metrics.Completed("write", started);
    }

    /// <inheritdoc />
    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var started = Stopwatch.GetTimestamp();
        var key = GrainStateKey.From(_serviceId, stateName, grainId);

        // A tombstone, not a DELETE: deleting would let the version restart at 1 and an old ETag match again (ABA).
        var itemized = _items.For(typeof(T));
        var version = await WriteRowAsync("clear", key, json: null, grainState.ETag, started, replaceItems: itemized.Length > 0).ConfigureAwait(false);
        if (itemized.Length > 0)
        {
            _items.RememberEmpty(typeof(T), grainState);
        }

        grainState.ETag = FormatETag(version);
        grainState.RecordExists = false;
        grainState.State = CreateInstance<T>();
        _metrics.Completed("clear", started);
    }

    private async Task<long> WriteRowAsync(
        string operation, GrainStateKey key, string? json, string? etag, long startedAt, List<ItemChange>? items = null, bool replaceItems = false)
    {
        long? expected = null;
        if (etag is not null)
        {
            if (!long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                throw new InconsistentStateException($"ETag '{etag}' of {key} was not issued by this provider.", etag, "unknown");
            }

            expected = parsed;
        }

        var write = new GrainWrite(key, expected, json, startedAt) { ReplaceItems = replaceItems, Items = items ?? [] };
        try
        {
            if (_batcher is not null)
            {
                await _batcher.WriteAsync(write).ConfigureAwait(false);
            }
            else
            {
                _metrics.Batch(1);
                await _writer.WriteAsync([write]).ConfigureAwait(false);
            }
        }
        catch (Exception e)
        {
            throw Failure(e, operation, key, outcomeUnknown: write.CommitWasAmbiguous);
        }

        var result = write.Outcome!.Value;
        if (result.Conflict)
        {
            _metrics.Conflict(operation);
            LogConflict(_name, key.ToString(), etag, result.CurrentVersion);
            throw new InconsistentStateException(
                $"Version conflict on {operation} of {key} in storage '{_name}': expected version {etag ?? "none (new row)"}, found {result.CurrentVersion?.ToString(CultureInfo.InvariantCulture) ?? "none"}.",
                result.CurrentVersion is { } v ? FormatETag(v) : "none",
                etag ?? "none");
        }

        return result.Version;
    }

    private T MergeItems<T>(object grainState, T state, ItemLoader[] items)
    {
        var stored = new object[items.Length];
        object merged = state!;
        for (var i = 0; i < items.Length; i++)
        {
            (merged, stored[i]) = items[i].Merge(merged);
        }

        _items.Remember(typeof(T), grainState, stored);
        return (T)merged;
    }

    private T Deserialize<T>(string json, GrainStateKey key)
    {
        try
        {
            return _serializer.Deserialize<T>(BinaryData.FromString(json)) ?? CreateInstance<T>();
        }
        catch (JsonException e)
        {
            _metrics.Failed("read");
            LogOperationFailed(e, "read", _name, key.ToString());
            throw new CockroachStorageException($"Stored state of {key} in storage '{_name}' cannot be read as {typeof(T).Name}: {e.Message}");
        }
    }

    /// <summary>
    /// The exception a caller gets when an operation failed for good. <paramref name="outcomeUnknown"/>: a write
    /// whose COMMIT was cut off and never found out about; it may have applied (then the grain's next write fails its
    /// ETag check, and the grain reloads what is stored).
    /// </summary>
    private CockroachStorageException Failure(Exception e, string operation, GrainStateKey key, bool outcomeUnknown = false)
    {
        _metrics.Failed(operation);
        LogOperationFailed(e, operation, _name, key.ToString());
        var kind = PostgresErrorClassifier.Classify(e);
        var detail = (e, kind) switch
        {
            (RetryBudgetExhaustedException budget, _) => $"the database did not answer within the retry budget of {budget.Budget.TotalSeconds:0.###} s",
            (_, FailureKind.Busy) => "the database is overloaded (no free connection)",
            (_, FailureKind.Connection) => "the database could not be reached",
            (_, FailureKind.Serialization) => "the transaction kept conflicting with others",
            (_, FailureKind.Ambiguous) => "the connection was lost during COMMIT",
            _ => "the database rejected the operation",
        };
        var outcome = outcomeUnknown ? "; the outcome of its last commit is unknown: it may have been applied" : "";
        return new CockroachStorageException(
            $"Grain storage '{_name}' could not {operation} {key}: {detail}{outcome}. {e.Message}",
            isTransient: e is RetryBudgetExhaustedException || kind != FailureKind.Fatal,
            (e as PostgresException ?? e.InnerException as PostgresException)?.SqlState);
    }

    private T CreateInstance<T>() => _activatorProvider.GetActivator<T>().Create();

    private static string FormatETag(long version) => version.ToString(CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_batcher is not null)
        {
            // Writes still queued or in flight get their answer before the connections go; they are bounded by the
            // retry budget (plus the window), so this wait is too.
            await _batcher.WhenIdleAsync().WaitAsync(_options.Retry.TotalBudget + _options.Batching.Window + TimeSpan.FromSeconds(1))
                .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        if (_ownsDataSource)
        {
            await _dataSource.DisposeAsync().ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Grain storage {Name} ready: table {Table} on {Database}")]
    private partial void LogInitialized(string name, string table, string database);

    [LoggerMessage(Level = LogLevel.Error, Message = "Grain storage {Name} could not start")]
    private partial void LogInitFailed(Exception exception, string name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Grain storage {Name}: version conflict on {Key}, expected {ETag}, found {Current}")]
    private partial void LogConflict(string name, string key, string? etag, long? current);

    [LoggerMessage(Level = LogLevel.Error, Message = "Grain storage {Name}: {Operation} of {Key} failed")]
    private partial void LogOperationFailed(Exception exception, string operation, string name, string key);
}
