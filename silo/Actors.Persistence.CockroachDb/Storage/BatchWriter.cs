using Actors.Persistence.CockroachDb.Diagnostics;
using Actors.Persistence.CockroachDb.Resilience;
using Npgsql;

namespace Actors.Persistence.CockroachDb.Storage;

/// <summary>
/// Writes one or more grain states as one SERIALIZABLE transaction sent in one round trip: BEGIN, per grain state
/// its conditional INSERT or UPDATE (conditional on its own version) and the item rows of collections stored per
/// item (applied only where its state row's write applied), COMMIT — one <see cref="NpgsqlBatch"/>, answered once.
/// Retried as a whole on retryable failures.
/// <para>
/// Every statement names one grain state by its whole primary key, with scalar parameters: the transaction reads
/// only the rows it writes, so concurrent batches over different grains never depend on each other and SERIALIZABLE
/// has nothing to abort (an earlier form joined arrays of keys against the table; on small tables the planner scanned
/// the whole table for that, and every concurrent batch then failed each other with 40001; docs/storage.md).
/// </para>
/// <para>
/// Ambiguity comes with the single round trip: once the batch is sent, a broken connection may have come before or
/// after the COMMIT. The retry settles it: it reruns the same statements with the same write ids, which cannot apply
/// twice (the version moved if the first COMMIT applied); a write that returns nothing is then looked up after the
/// commit, and its row either carries the write's id (in, earlier) or another (a conflict).
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
        writes = Unresolved(writes);
        if (writes.Count == 0)
        {
            return true;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var appliedNow = new Dictionary<Guid, long>(writes.Count);
        await using (var batch = BuildBatch(connection, writes))
        {
            // Prepared explicitly: on a connection that has prepared these statement texts before (the pool keeps
            // connections and their prepared statements) this sends nothing; otherwise it costs one round trip, once.
            // Npgsql's automatic preparation would do the same, but its bookkeeping of statements being prepared in a
            // batch that the server aborts part-way (a 40001) was seen to go wrong here ("26000: prepared statement
            // _auto3 does not exist" on a later batch).
            await batch.PrepareAsync(cancellationToken).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            var beforeCommit = false;
            try
            {
                await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                do
                {
                    if (reader.FieldCount == 2)
                    {
                        // RETURNING write_id, version of an INSERT or an UPDATE: applied by this attempt.
                        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                        {
                            appliedNow[reader.GetGuid(0)] = reader.GetInt64(1);
                        }
                    }
                    else if (reader.FieldCount == 1)
                    {
                        beforeCommit = true;
                    }
                }
                while (await reader.NextResultAsync(cancellationToken).ConfigureAwait(false));
            }
            catch (Exception e) when (CommitMayHaveApplied(e, beforeCommit))
            {
                foreach (var write in writes)
                {
                    write.CommitWasAmbiguous = true;
                }

                throw new AmbiguousCommitException(e);
            }
        }

        // The COMMIT succeeded: what this attempt applied is durable.
        List<GrainWrite>? unsettled = null;
        foreach (var write in writes)
        {
            if (appliedNow.TryGetValue(write.WriteId, out var version))
            {
                write.Resolve(WriteOutcome.Written(version), metrics, appliedEarlier: false);
            }
            else
            {
                (unsettled ??= []).Add(write);
            }
        }

        if (unsettled is not null)
        {
            await SettleAsync(connection, unsettled, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>
    /// The writes no committed attempt has resolved yet. An attempt whose COMMIT succeeded resolves what it applied at
    /// once; if reading the rows of its other writes then fails (a 40001 can cancel a read under SERIALIZABLE, or the
    /// connection can drop), the retry must not run the resolved writes again: their versions moved, so they would
    /// return nothing, and if another writer wrote the row meanwhile the settle read would call a write that applied a
    /// conflict. Its grain would then apply it a second time (seen once: a <c>ContentionTests</c> ledger held an entry
    /// twice).
    /// </summary>
    private static IReadOnlyList<GrainWrite> Unresolved(IReadOnlyList<GrainWrite> writes)
    {
        foreach (var write in writes)
        {
            if (write.Outcome is not null)
            {
                return [.. writes.Where(w => w.Outcome is null)];
            }
        }

        return writes;
    }

    /// <summary>
    /// Writes that returned nothing lost their version check, or applied in an earlier attempt whose COMMIT was cut
    /// off. Their rows, read after the commit (point reads by primary key, off the write path's transaction so that
    /// it reads nothing but its own rows), tell which: a row carrying the write's id holds that write. If this read
    /// fails, the attempt is retried for the writes it left unresolved only (<see cref="Unresolved"/>); they cannot
    /// apply on the rerun (their versions had already moved), so it settles them again.
    /// </summary>
    private async ValueTask SettleAsync(NpgsqlConnection connection, List<GrainWrite> writes, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection);
        foreach (var write in writes)
        {
            var read = Command(table.SettleSql);
            AddKey(read, write.Key);
            batch.BatchCommands.Add(read);
        }

        var stored = new (long Version, Guid WriteId)?[writes.Count];
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            var i = 0;
            do
            {
                if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    stored[i] = (reader.GetInt64(0), reader.GetGuid(1));
                }

                i++;
            }
            while (await reader.NextResultAsync(cancellationToken).ConfigureAwait(false));
        }

        for (var i = 0; i < writes.Count; i++)
        {
            var write = writes[i];
            var outcome = stored[i] is { } row && row.WriteId == write.WriteId
                ? WriteOutcome.Written(row.Version)
                : WriteOutcome.Conflicted(stored[i]?.Version);
            write.Resolve(outcome, metrics, appliedEarlier: true);
        }
    }

    /// <summary>
    /// Whether a failure after the batch was sent leaves its COMMIT's outcome unknown. An error the server reports
    /// for a statement (40001, a constraint, 57014 when the retry budget cancelled a statement waiting for a lock)
    /// aborts the transaction: the rest of the batch, COMMIT included, is skipped. A lost connection, an error that
    /// ends the session (57P01 can arrive just after a COMMIT completed) or a cancellation that broke the connection
    /// could have come after the COMMIT. So could a 57014 that followed the marker before COMMIT, i.e. one raised at COMMIT.
    /// </summary>
    private static bool CommitMayHaveApplied(Exception e, bool beforeCommit)
    {
        var server = e as PostgresException ?? (e as OperationCanceledException)?.InnerException as PostgresException;
        if (server is null)
        {
            return e is OperationCanceledException || PostgresErrorClassifier.Classify(e) is FailureKind.Connection or FailureKind.Ambiguous;
        }

        return server.SqlState == SqlStates.QueryCanceled
            ? beforeCommit
            : PostgresErrorClassifier.ClassifySqlState(server.SqlState) is FailureKind.Connection or FailureKind.Ambiguous;
    }

    /// <summary>
    /// BEGIN; per write, its state row statement and then its item statements (clears first, so a replacing write
    /// clears, then writes); the marker before COMMIT; COMMIT. Every statement addresses one grain state by its
    /// primary key, so the batch reads and writes its own rows only.
    /// </summary>
    private NpgsqlBatch BuildBatch(NpgsqlConnection connection, IReadOnlyList<GrainWrite> writes)
    {
        var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(new NpgsqlBatchCommand(GrainStateTable.BeginSql));
        foreach (var write in writes)
        {
            var state = Command(write.ExpectedVersion is null ? table.InsertSql : table.UpdateSql);
            AddKey(state, write.Key);
            if (write.ExpectedVersion is { } expected)
            {
                state.Parameters.Add(new NpgsqlParameter<long> { TypedValue = expected });
            }

            state.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = write.Json, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            state.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = write.WriteId });
            batch.BatchCommands.Add(state);
            AddItemStatements(batch, write);
        }

        batch.BatchCommands.Add(new NpgsqlBatchCommand(GrainStateTable.BeforeCommitSql));
        batch.BatchCommands.Add(new NpgsqlBatchCommand(GrainStateTable.CommitSql));
        return batch;
    }

    /// <summary>
    /// The item rows of one write (collections stored per item), after its state row: each item statement checks
    /// the state row for the write's id, so it applies only where the state row's own write did.
    /// </summary>
    private void AddItemStatements(NpgsqlBatch batch, GrainWrite write)
    {
        if (write.ReplaceItems)
        {
            var clear = Command(table.ClearItemsSql);
            AddKey(clear, write.Key);
            clear.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = write.WriteId });
            batch.BatchCommands.Add(clear);
        }

        if (write.Items.Count == 0)
        {
            return;
        }

        var upserts = write.Items.Where(i => i.Json is not null).ToList();
        if (upserts.Count > 0)
        {
            var upsert = Command(table.UpsertItemsSql);
            AddKey(upsert, write.Key);
            upsert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. upserts.Select(i => i.Collection)] });
            upsert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. upserts.Select(i => i.Key)] });
            upsert.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = write.WriteId });
            upsert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. upserts.Select(i => i.Json!)] });
            batch.BatchCommands.Add(upsert);
        }

        var deletes = write.Items.Where(i => i.Json is null).ToList();
        if (deletes.Count > 0)
        {
            var delete = Command(table.DeleteItemsSql);
            AddKey(delete, write.Key);
            delete.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. deletes.Select(i => i.Collection)] });
            delete.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. deletes.Select(i => i.Key)] });
            delete.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = write.WriteId });
            batch.BatchCommands.Add(delete);
        }
    }

    private NpgsqlBatchCommand Command(string sql)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = serviceId });
        return command;
    }

    private static void AddKey(NpgsqlBatchCommand command, GrainStateKey key)
    {
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key.GrainType });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key.GrainKey });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key.StateName });
    }
}
