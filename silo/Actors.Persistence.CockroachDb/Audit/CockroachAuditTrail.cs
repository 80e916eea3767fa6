using System.Data;
using System.Text;
using Actors.Contracts;
using Actors.Contracts.Audit;
using Actors.Persistence.CockroachDb.Resilience;
using Actors.Persistence.CockroachDb.Storage;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans;
using Orleans.Runtime;

namespace Actors.Persistence.CockroachDb.Audit;

/// <summary>
/// The audit trail in a table of its own (<c>Sql/AuditTrailTable.sql</c>). An append is one multi-row INSERT per
/// batch, retried like grain writes; <c>ON CONFLICT DO NOTHING</c> on the event id makes a retry after an ambiguous
/// commit harmless, so no reconciliation is needed. Plain SQL that CockroachDB and PostgreSQL both accept.
/// </summary>
public sealed partial class CockroachAuditTrail : IAuditTrail, ILifecycleParticipant<ISiloLifecycle>, IAsyncDisposable
{
    /// <summary>Rows per INSERT statement (8 parameters each, well under the protocol's 65,535).</summary>
    private const int RowsPerStatement = 500;

    private readonly string _serviceId;
    private readonly CockroachAuditTrailOptions _options;
    private readonly NpgsqlDataSource _dataSource;
    private readonly DatabaseRetryExecutor _executor;
    private readonly ILogger _logger;
    private readonly string _table;

    public CockroachAuditTrail(string serviceId, CockroachAuditTrailOptions options, ILogger<CockroachAuditTrail> logger)
    {
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw new OrleansConfigurationException($"Audit trail option {nameof(options.ConnectionString)} is required.");
        }

        if (!GrainStateTable.IsValidName(options.TableName))
        {
            throw new OrleansConfigurationException($"Audit trail option {nameof(options.TableName)} '{options.TableName}' is not a valid table name: use lower-case letters, digits and underscores, optionally 'schema.table'.");
        }

        _serviceId = serviceId;
        _options = options;
        _table = options.TableName;
        _dataSource = NpgsqlDataSource.Create(options.ConnectionString);
        _executor = new DatabaseRetryExecutor(options.Retry, _dataSource, metrics: null);
        _logger = logger;
    }

    /// <inheritdoc />
    public void Participate(ISiloLifecycle lifecycle)
        => lifecycle.Subscribe(nameof(CockroachAuditTrail), ServiceLifecycleStage.ApplicationServices, InitializeAsync);

    private async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var sql = _options.CreateSchemaOnStartup
            ? GrainStateTable.LoadScript("AuditTrailTable.sql").Replace("{table}", _table, StringComparison.Ordinal)
            : $"SELECT 1 FROM {_table} LIMIT 0";
        await StartupRetry.RunAsync(_dataSource, "Audit trail", _options.StartupTimeout, async (connection, ct) =>
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task AppendAsync(IReadOnlyList<AuditEvent> events, CancellationToken cancellationToken = default)
    {
        foreach (var chunk in events.Chunk(RowsPerStatement))
        {
            try
            {
                await _executor.ExecuteAsync(static (s, ct) => s.self.InsertAsync(s.chunk, ct), (self: this, chunk), cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                LogAppendFailed(e, chunk.Length);
                throw new CockroachStorageException($"The audit trail could not append {chunk.Length} events: {e.Message}", isTransient: PostgresErrorClassifier.Classify(e) != FailureKind.Fatal);
            }
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AuditEvent>> ListAsync(string schoolId, string studentId, AuditCursor? after, int limit, CancellationToken cancellationToken = default)
    {
        try
        {
            return await _executor.ExecuteAsync(static (s, ct) => s.self.SelectAsync(s.schoolId, s.studentId, s.after, s.limit, ct), (self: this, schoolId, studentId, after, limit), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            throw new CockroachStorageException($"The audit trail could not be read: {e.Message}", isTransient: PostgresErrorClassifier.Classify(e) != FailureKind.Fatal);
        }
    }

    private async ValueTask<bool> InsertAsync(AuditEvent[] events, CancellationToken cancellationToken)
    {
        var sql = new StringBuilder($"INSERT INTO {_table} (service_id, school_id, student_id, occurred_at, event_id, actor_id, actor_role, action) VALUES ");
        await using var command = _dataSource.CreateCommand();
        for (var i = 0; i < events.Length; i++)
        {
            var e = events[i];
            var p = i * 8;
            sql.Append(i == 0 ? "" : ", ").Append($"(${p + 1}, ${p + 2}, ${p + 3}, ${p + 4}, ${p + 5}, ${p + 6}, ${p + 7}, ${p + 8})");
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _serviceId });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = e.SchoolId });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = e.StudentId });
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = e.At.ToUniversalTime() });
            command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = e.EventId });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = e.ActorId });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = RoleName(e.ActorRole) });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = e.Action });
        }

        // One statement is one implicit transaction: the batch is all in or all out.
        command.CommandText = sql.Append(" ON CONFLICT (service_id, school_id, student_id, occurred_at, event_id) DO NOTHING").ToString();
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    private async ValueTask<IReadOnlyList<AuditEvent>> SelectAsync(string schoolId, string studentId, AuditCursor? after, int limit, CancellationToken cancellationToken)
    {
        var sql = $"SELECT occurred_at, event_id, actor_id, actor_role, action FROM {_table} WHERE service_id = $1 AND school_id = $2 AND student_id = $3"
            + (after is null ? "" : " AND (occurred_at, event_id) > ($5, $6)")
            + " ORDER BY occurred_at, event_id LIMIT $4";
        await using var command = _dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _serviceId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = schoolId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = studentId });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        if (after is { } cursor)
        {
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = cursor.At.ToUniversalTime() });
            command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = cursor.EventId });
        }

        var events = new List<AuditEvent>();
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.Default, cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            events.Add(new AuditEvent(
                reader.GetGuid(1),
                schoolId,
                studentId,
                reader.GetString(2),
                ParseRole(reader.GetString(3)),
                reader.GetString(4),
                new DateTimeOffset(reader.GetFieldValue<DateTime>(0).Ticks, TimeSpan.Zero)));
        }

        return events;
    }

    /// <summary>Roles are stored by their token names, readable in SQL.</summary>
    private static string RoleName(CallerRole role) => role switch
    {
        CallerRole.Student => "student",
        CallerRole.Teacher => "teacher",
        CallerRole.SchoolAdmin => "school_admin",
        _ => "operator",
    };

    private static CallerRole ParseRole(string name) => name switch
    {
        "student" => CallerRole.Student,
        "teacher" => CallerRole.Teacher,
        "school_admin" => CallerRole.SchoolAdmin,
        _ => CallerRole.Operator,
    };

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    [LoggerMessage(Level = LogLevel.Error, Message = "Audit trail: appending {Count} events failed")]
    private partial void LogAppendFailed(Exception exception, int count);
}
