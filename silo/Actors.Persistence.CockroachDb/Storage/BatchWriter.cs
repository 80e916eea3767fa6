using Actors.Persistence.CockroachDb.Diagnostics;
using Actors.Persistence.CockroachDb.Resilience;
using Npgsql;

namespace Actors.Persistence.CockroachDb.Storage;

/// <summary>
/// Writes one or more grain states as one SERIALIZABLE transaction sent in one round trip: BEGIN, the conditional
/// INSERT and UPDATE (each row conditional on its own version), the item rows of collections stored per item (each
/// applied only where its state row's write applied), a query of what every row now holds, COMMIT —
/// one <see cref="NpgsqlBatch"/>, answered once. Retried as a whole on retryable failures.
/// <para>
/// Ambiguity comes with the single round trip: once the batch is sent, a broken connection may have come before or
/// after the COMMIT. The retry settles it without a separate read: it reruns the same statements with the same write
/// ids, which cannot apply twice (the version moved if the first COMMIT applied), and the outcome query shows, per
/// row, whether the row carries the write's id (in: now or earlier) or another (a conflict).
/// </para>
/// </summary>
internal sealed class BatchWriter(GrainStateTable table, string serviceId, NpgsqlDataSource dataSource, DatabaseRetryExecutor executor, CockroachStorageMetrics metrics)
{
    /// <summary>
    /// Writes <paramref name="writes"/> (no two of the same row) and sets each one's <see cref="GrainWrite.Outcome"/>.
    /// Throws when the transaction failed for good; then no outcome is set.
    /// </summary>
    public async ValueTask WriteAsync(IReadOnlyList<GrainWrite> writes)
    {
        var startedAt = long.MaxValue;
        foreach (var write in writes)
        {
            startedAt = Math.Min(startedAt, write.StartedAt);
        }

        await executor.ExecuteAsync(static (s, ct) => s.self.AttemptAsync(s.writes, ct), (self: this, writes), startedAt).ConfigureAwait(false);
    }

    private async ValueTask<bool> AttemptAsync(IReadOnlyList<GrainWrite> writes, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var batch = BuildBatch(connection, writes);

        // Prepared explicitly: on a connection that has prepared these statement texts before (the pool keeps
        // connections and their prepared statements) this sends nothing; otherwise it costs one round trip, once.
        // Npgsql's automatic preparation would do the same, but its bookkeeping of statements being prepared in a
        // batch that the server aborts part-way (a 40001) was seen to go wrong here ("26000: prepared statement
        // _auto3 does not exist" on a later batch).
        await batch.PrepareAsync(cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        var outcomes = new (long Version, Guid WriteId)?[writes.Count];
        var appliedNow = new HashSet<Guid>();
        var outcomeRead = false;
        try
        {
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            do
            {
                if (reader.FieldCount == 1)
                {
                    // RETURNING write_id of the INSERT or the UPDATE: applied by this attempt.
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        appliedNow.Add(reader.GetGuid(0));
                    }
                }
                else if (reader.FieldCount == 3)
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        outcomes[reader.GetInt64(0) - 1] = (reader.GetInt64(1), reader.GetGuid(2));
                    }

                    outcomeRead = true;
                }
            }
            while (await reader.NextResultAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (Exception e) when (CommitMayHaveApplied(e, outcomeRead))
        {
            foreach (var write in writes)
            {
                write.CommitWasAmbiguous = true;
            }

            throw new AmbiguousCommitException(e);
        }

        // The COMMIT succeeded: the outcomes are durable.
        for (var i = 0; i < writes.Count; i++)
        {
            var write = writes[i];
            var stored = outcomes[i];
            var outcome = stored is { } row && row.WriteId == write.WriteId
                ? WriteOutcome.Written(row.Version)
                : WriteOutcome.Conflicted(stored?.Version);
            write.Resolve(outcome, metrics, appliedEarlier: !appliedNow.Contains(write.WriteId));
        }

        return true;
    }

    /// <summary>
    /// Whether a failure after the batch was sent leaves its COMMIT's outcome unknown. An error the server reports
    /// for a statement (40001, a constraint, 57014 when the retry budget cancelled a statement waiting for a lock)
    /// aborts the transaction: the rest of the batch, COMMIT included, is skipped. A lost connection, an error that
    /// ends the session (57P01 can arrive just after a COMMIT completed) or a cancellation that broke the connection
    /// could have come after the COMMIT. So could a 57014 that followed the outcome query, i.e. one raised at COMMIT.
    /// </summary>
    private static bool CommitMayHaveApplied(Exception e, bool outcomeRead)
    {
        var server = e as PostgresException ?? (e as OperationCanceledException)?.InnerException as PostgresException;
        if (server is null)
        {
            return e is OperationCanceledException || PostgresErrorClassifier.Classify(e) is FailureKind.Connection or FailureKind.Ambiguous;
        }

        return server.SqlState == SqlStates.QueryCanceled
            ? outcomeRead
            : PostgresErrorClassifier.ClassifySqlState(server.SqlState) is FailureKind.Connection or FailureKind.Ambiguous;
    }

    private NpgsqlBatch BuildBatch(NpgsqlConnection connection, IReadOnlyList<GrainWrite> writes)
    {
        var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(new NpgsqlBatchCommand(GrainStateTable.BeginSql));

        var inserts = writes.Where(w => w.ExpectedVersion is null).ToList();
        if (inserts.Count > 0)
        {
            var insert = Command(table.InsertSql);
            AddKeys(insert, inserts);
            insert.Parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = [.. inserts.Select(w => w.Json)] });
            insert.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. inserts.Select(w => w.WriteId)] });
            batch.BatchCommands.Add(insert);
        }

        var updates = writes.Where(w => w.ExpectedVersion is not null).ToList();
        if (updates.Count > 0)
        {
            var update = Command(table.UpdateSql);
            AddKeys(update, updates);
            update.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. updates.Select(w => w.ExpectedVersion!.Value)] });
            update.Parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = [.. updates.Select(w => w.Json)] });
            update.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. updates.Select(w => w.WriteId)] });
            batch.BatchCommands.Add(update);
        }

        AddItemStatements(batch, writes);
        var outcome = Command(table.OutcomeSql);
        AddKeys(outcome, writes);
        batch.BatchCommands.Add(outcome);
        batch.BatchCommands.Add(new NpgsqlBatchCommand(GrainStateTable.CommitSql));
        return batch;
    }

    /// <summary>
    /// Item rows (collections stored per item) after the state rows: each item statement joins the state row on the
    /// write's id, so it applies only where the state row's own write did. Clears come first, so a replacing write
    /// clears, then writes.
    /// </summary>
    private void AddItemStatements(NpgsqlBatch batch, IReadOnlyList<GrainWrite> writes)
    {
        var replacing = writes.Where(w => w.ReplaceItems).ToList();
        if (replacing.Count > 0)
        {
            var clear = Command(table.ClearItemsSql);
            AddKeys(clear, replacing);
            clear.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. replacing.Select(w => w.WriteId)] });
            batch.BatchCommands.Add(clear);
        }

        var upserts = writes.SelectMany(w => w.Items.Where(i => i.Json is not null).Select(i => (Write: w, Item: i))).ToList();
        if (upserts.Count > 0)
        {
            var upsert = Command(table.UpsertItemsSql);
            AddItemKeys(upsert, upserts);
            upsert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. upserts.Select(u => u.Item.Json!)] });
            upsert.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. upserts.Select(u => u.Write.WriteId)] });
            batch.BatchCommands.Add(upsert);
        }

        var deletes = writes.SelectMany(w => w.Items.Where(i => i.Json is null).Select(i => (Write: w, Item: i))).ToList();
        if (deletes.Count > 0)
        {
            var delete = Command(table.DeleteItemsSql);
            AddItemKeys(delete, deletes);
            delete.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. deletes.Select(d => d.Write.WriteId)] });
            batch.BatchCommands.Add(delete);
        }
    }

    private static void AddItemKeys(NpgsqlBatchCommand command, List<(GrainWrite Write, ItemChange Item)> items)
    {
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. items.Select(i => i.Write.Key.GrainType)] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. items.Select(i => i.Write.Key.GrainKey)] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. items.Select(i => i.Write.Key.StateName)] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. items.Select(i => i.Item.Collection)] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. items.Select(i => i.Item.Key)] });
    }

    private NpgsqlBatchCommand Command(string sql)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = serviceId });
        return command;
    }

    private static void AddKeys(NpgsqlBatchCommand command, IReadOnlyList<GrainWrite> writes)
    {
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. writes.Select(w => w.Key.GrainType)] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. writes.Select(w => w.Key.GrainKey)] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. writes.Select(w => w.Key.StateName)] });
    }
}
