using System.Data;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Actors.Persistence.CockroachDb.Diagnostics;
using Actors.Persistence.CockroachDb.Providers;
using Actors.Persistence.CockroachDb.Resilience;
using Actors.Persistence.CockroachDb.Serialization;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using Orleans;
using Orleans.Runtime;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace Actors.Persistence.CockroachDb.Storage;

/// <summary>
/// Orleans grain storage on CockroachDB (or PostgreSQL). One row per grain state; the ETag is the row's
/// version; every write is one SERIALIZABLE transaction conditional on that version and is retried on
/// retryable errors, with ambiguous commits resolved by reading the row back. See <c>docs/storage.md</c>.
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
        _dataSource = options.DataSource ?? NpgsqlDataSource.Create(SessionSettings.Apply(options.ConnectionString!, options.IdleInTransactionTimeout));
        _serializer = options.GrainStorageSerializer ?? new JsonGrainStateSerializer();
        _activatorProvider = activatorProvider;
        _metrics = metrics;
        _executor = new DatabaseRetryExecutor(options.Retry, _dataSource, metrics);
        _logger = logger;
    }

    /// <inheritdoc />
    public void Participate(ISiloLifecycle lifecycle)
        => lifecycle.Subscribe(OptionFormattingUtilities.Name<CockroachGrainStorage>(_name), _options.InitStage, InitializeAsync);

    /// <summary>Connects and creates the table; run by the silo lifecycle (and directly by tests).</summary>
    internal async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var sql = _options.CreateSchemaOnStartup ? _table.CreateSql : $"SELECT 1 FROM {_table.Name} LIMIT 0";
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
        GrainStateRow? row;
        try
        {
            row = await _executor.ExecuteAsync(static (s, ct) => s.self.ReadRowAsync(s.key, connection: null, ct), (self: this, key)).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            throw Failure(e, "read", key);
        }

        grainState.ETag = row is null ? null : FormatETag(row.Version);
        grainState.RecordExists = row?.State is not null;
        grainState.State = row?.State is { } json ? Deserialize<T>(json, key) : CreateInstance<T>();
        _metrics.Completed("read", started);
    }

    /// <inheritdoc />
    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var started = Stopwatch.GetTimestamp();
        var key = GrainStateKey.From(_serviceId, stateName, grainId);
        var json = _serializer.Serialize(grainState.State).ToString();
        var version = await WriteRowAsync("write", key, json, grainState.ETag).ConfigureAwait(false);
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
        var version = await WriteRowAsync("clear", key, json: null, grainState.ETag).ConfigureAwait(false);
        grainState.ETag = FormatETag(version);
        grainState.RecordExists = false;
        grainState.State = CreateInstance<T>();
        _metrics.Completed("clear", started);
    }

    private async Task<long> WriteRowAsync(string operation, GrainStateKey key, string? json, string? etag)
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

        var attempt = new WriteAttempt(this, key, json, expected, Guid.NewGuid());
        WriteResult result;
        try
        {
            result = await _executor.ExecuteAsync(static (a, ct) => a.Storage.WriteOnceAsync(a, ct), attempt).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            throw Failure(e, operation, key);
        }

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

    /// <summary>One attempt of a conditional write, in its own SERIALIZABLE transaction.</summary>
    private async ValueTask<WriteResult> WriteOnceAsync(WriteAttempt attempt, CancellationToken cancellationToken)
    {
        if (attempt.CommitWasAmbiguous)
        {
            // The previous attempt's COMMIT may have applied. Its write_id in the row says it did; an unchanged
            // version says it did not (retry); any other version means someone else wrote: a conflict.
            var current = await ReadRowAsync(attempt.Key, connection: null, cancellationToken).ConfigureAwait(false);
            attempt.CommitWasAmbiguous = false;
            if (current is not null && current.WriteId == attempt.WriteId)
            {
                _metrics.AmbiguousCommitResolved("applied");
                return WriteResult.Written(current.Version);
            }

            if (current?.Version != attempt.ExpectedVersion)
            {
                _metrics.AmbiguousCommitResolved("conflict");
                return WriteResult.Conflicted(current?.Version);
            }

            _metrics.AmbiguousCommitResolved("not_applied");
        }

        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(attempt.ExpectedVersion is null ? _table.InsertSql : _table.UpdateSql, connection, transaction);
        AddKey(command, attempt.Key);
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = (object?)attempt.Json ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = attempt.WriteId });
        if (attempt.ExpectedVersion is { } expected)
        {
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = expected });
        }

        if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not long version)
        {
            // No row matched the expected version: read what is there for the error message, inside the same
            // transaction, then let the transaction roll back on dispose.
            var current = await ReadRowAsync(attempt.Key, connection, cancellationToken).ConfigureAwait(false);
            return WriteResult.Conflicted(current?.Version);
        }

        try
        {
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (PostgresErrorClassifier.ClassifyCommitFailure(e) == FailureKind.Ambiguous)
        {
            attempt.CommitWasAmbiguous = true;
            throw new AmbiguousCommitException(e);
        }

        return WriteResult.Written(version);
    }

    private async ValueTask<GrainStateRow?> ReadRowAsync(GrainStateKey key, NpgsqlConnection? connection, CancellationToken cancellationToken)
    {
        await using var command = connection is null ? _dataSource.CreateCommand(_table.ReadSql) : new NpgsqlCommand(_table.ReadSql, connection);
        AddKey(command, key);
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SingleRow, cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return new GrainStateRow(reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetGuid(2));
    }

    private static void AddKey(NpgsqlCommand command, GrainStateKey key)
    {
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key.ServiceId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key.GrainType });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key.GrainKey });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key.StateName });
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

    private CockroachStorageException Failure(Exception e, string operation, GrainStateKey key)
    {
        _metrics.Failed(operation);
        LogOperationFailed(e, operation, _name, key.ToString());
        var kind = PostgresErrorClassifier.Classify(e);
        var detail = kind switch
        {
            FailureKind.Ambiguous => "the outcome of the last commit is unknown and could not be checked",
            FailureKind.Connection => "the database could not be reached",
            FailureKind.Serialization => "the transaction kept conflicting with others",
            _ => "the database rejected the operation",
        };
        return new CockroachStorageException(
            $"Grain storage '{_name}' could not {operation} {key}: {detail}. {e.Message}",
            isTransient: kind != FailureKind.Fatal,
            (e as PostgresException ?? e.InnerException as PostgresException)?.SqlState);
    }

    private T CreateInstance<T>() => _activatorProvider.GetActivator<T>().Create();

    private static string FormatETag(long version) => version.ToString(CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_ownsDataSource)
        {
            await _dataSource.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The state of one logical write across its attempts.</summary>
    private sealed class WriteAttempt(CockroachGrainStorage storage, GrainStateKey key, string? json, long? expectedVersion, Guid writeId)
    {
        public CockroachGrainStorage Storage { get; } = storage;

        public GrainStateKey Key { get; } = key;

        public string? Json { get; } = json;

        public long? ExpectedVersion { get; } = expectedVersion;

        /// <summary>Same on every attempt: it is how an ambiguous commit is recognised afterwards.</summary>
        public Guid WriteId { get; } = writeId;

        public bool CommitWasAmbiguous { get; set; }
    }

    private readonly record struct WriteResult(long Version, bool Conflict, long? CurrentVersion)
    {
        public static WriteResult Written(long version) => new(version, false, null);

        public static WriteResult Conflicted(long? currentVersion) => new(0, true, currentVersion);
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
