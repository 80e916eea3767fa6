using System.Buffers;
using Actors.Persistence.CockroachDb.Resilience;
using Npgsql;

namespace Actors.Persistence.CockroachDb.Storage;

/// <summary>
/// Reads one or more grain states in one round trip: per grain state a point read of its row by the whole primary
/// key (and of its item rows, for collections stored per item), all in one <see cref="NpgsqlBatch"/>, retried as a
/// whole on retryable failures (reads change nothing, so a rerun is always safe).
/// <para>
/// Like the writes, every statement names one grain state by its whole primary key with scalar parameters, so the
/// plan is a point lookup however few rows the table holds (a join against an array of keys was seen to be planned
/// as a scan of the whole table, and under SERIALIZABLE a scan's predicate lock on the table conflicts with every
/// concurrent write; docs/storage.md).
/// </para>
/// <para>
/// A batch that reads item rows runs inside <c>BEGIN ISOLATION LEVEL SERIALIZABLE … COMMIT</c>, so each state row
/// and its items come from one snapshot whatever the server's default isolation. A batch of plain rows is one
/// implicit transaction (the batch ends in one Sync) and needs no BEGIN: each read is of one row.
/// </para>
/// </summary>
internal sealed class BatchReader(GrainStateTable table, NpgsqlDataSource dataSource, DatabaseRetryExecutor executor)
{
    /// <summary>Reads every one of <paramref name="reads"/>. Throws when the batch failed for good.</summary>
    public async ValueTask ReadAsync(IReadOnlyList<GrainRead> reads)
    {
        var startedAt = long.MaxValue;
        foreach (var read in reads)
        {
            startedAt = Math.Min(startedAt, read.StartedAt);
        }

        await executor.ExecuteAsync(static (s, ct) => s.self.AttemptAsync(s.reads, ct), (self: this, reads), startedAt).ConfigureAwait(false);
    }

    private async ValueTask<bool> AttemptAsync(IReadOnlyList<GrainRead> reads, CancellationToken cancellationToken)
    {
        var transaction = false;
        foreach (var read in reads)
        {
            read.Reset();
            transaction |= read.Itemized.Length > 0;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var batch = new NpgsqlBatch(connection);
        if (transaction)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(GrainStateTable.BeginSql));
        }

        foreach (var read in reads)
        {
            batch.BatchCommands.Add(KeyCommand(table.ReadSql, read.Key));
            if (read.Itemized.Length > 0)
            {
                batch.BatchCommands.Add(KeyCommand(table.ReadItemsSql, read.Key));
            }
        }

        if (transaction)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(GrainStateTable.CommitSql));
        }

        // Prepared explicitly, as the writes are (BatchWriter): on a pooled connection that has prepared these texts
        // before this sends nothing.
        await batch.PrepareAsync(cancellationToken).ConfigureAwait(false);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            var first = true;
            foreach (var read in reads)
            {
                await MoveToRowsAsync(reader, advance: !first, cancellationToken).ConfigureAwait(false);
                first = false;
                if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    read.Row = new GrainStateRow(reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetGuid(2));
                }

                if (read.Itemized.Length > 0)
                {
                    await MoveToRowsAsync(reader, advance: true, cancellationToken).ConfigureAwait(false);
                    buffer = await ReadItemsAsync(reader, read, buffer, cancellationToken).ConfigureAwait(false);
                }
            }

            // The COMMIT: an error there (or in anything after the last read) must fail the batch, not pass unseen.
            while (await reader.NextResultAsync(cancellationToken).ConfigureAwait(false))
            {
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return true;
    }

    /// <summary>
    /// The item rows of one grain state, each deserialized as it is read from its UTF-8 bytes copied once into a
    /// pooled buffer: a document of 10,000 ink strokes is 40 MB of JSON, and reading it as strings first cost twice
    /// that in .NET strings and as much again converting them back to UTF-8 for the deserializer. Returns the buffer
    /// (a larger one if an item needed it).
    /// </summary>
    private static async ValueTask<byte[]> ReadItemsAsync(NpgsqlDataReader reader, GrainRead read, byte[] buffer, CancellationToken cancellationToken)
    {
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var collection = reader.GetString(0);
            var itemKey = reader.GetString(1);
            await using var json = reader.GetStream(2);
            var length = (int)json.Length;
            if (length > buffer.Length)
            {
                ArrayPool<byte>.Shared.Return(buffer);
                buffer = ArrayPool<byte>.Shared.Rent(length);
            }

            json.ReadExactly(buffer, 0, length);
            read.AddItem(collection, itemKey, buffer.AsMemory(0, length));
        }

        return buffer;
    }

    /// <summary>
    /// Moves to the next result that has rows' columns: statements without any (BEGIN) are passed over, so the reads'
    /// results are taken in the order their statements were added.
    /// </summary>
    private static async ValueTask MoveToRowsAsync(NpgsqlDataReader reader, bool advance, CancellationToken cancellationToken)
    {
        if (advance && !await reader.NextResultAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidOperationException("The database returned fewer results than the read batch had statements.");
        }

        while (reader.FieldCount == 0)
        {
            if (!await reader.NextResultAsync(cancellationToken).ConfigureAwait(false))
            {
                throw new InvalidOperationException("The database returned fewer results than the read batch had statements.");
            }
        }
    }

    private static NpgsqlBatchCommand KeyCommand(string sql, GrainStateKey key)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key.ServiceId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key.GrainType });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key.GrainKey });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key.StateName });
        return command;
    }
}
