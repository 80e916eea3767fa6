using System.Diagnostics;
using Actors.Persistence.CockroachDb.Diagnostics;
using Actors.Persistence.CockroachDb.Providers;
using Actors.Persistence.CockroachDb.Resilience;

namespace Actors.Persistence.CockroachDb.Storage;

/// <summary>
/// Gathers writes of different grains into batches for <see cref="BatchWriter"/>: one transaction, one round trip
/// and one commit for many rows.
/// <list type="bullet">
/// <item>Writes queue in arrival order. One batch at a time collects: it waits up to
/// <see cref="CockroachBatchingOptions.Window"/> from its oldest write's arrival (less if it fills up), then takes
/// what has queued, up to <see cref="CockroachBatchingOptions.MaxBatchSize"/>, and runs; the next batch starts
/// collecting. At most <see cref="CockroachBatchingOptions.MaxConcurrentBatches"/> run at once; while they all run,
/// writes queue, so under load batches grow without any window.</item>
/// <item>No batch holds two writes of one row: the later waits for the next batch, keeping their order.</item>
/// <item>A caller's task completes only after the transaction that carried its write committed (or failed for
/// good). Outcomes are per row: a version conflict fails its own write only.</item>
/// <item>A batch the database refuses outright (a Fatal error: bad data in one row fails the whole transaction) is
/// rerun one write at a time, so only the offending write fails. Nothing of the batch applied, so rerunning is
/// safe; the write ids are kept.</item>
/// <item>A batch that failed because the database could not be reached fails the writes queued behind it too, so
/// an outage is reported as fast with batching as without.</item>
/// </list>
/// </summary>
internal sealed class WriteBatcher(BatchWriter writer, CockroachBatchingOptions options, CockroachStorageMetrics metrics)
{
    private readonly Lock _gate = new();
    private readonly List<Pending> _queue = [];
    private int _running;
    private bool _collecting;
    private TaskCompletionSource _batchFull = NewSignal();
    private TaskCompletionSource _idle = NewSignal();

    /// <summary>Queues <paramref name="write"/>; completes when its transaction committed (its outcome is then set) or failed.</summary>
    public Task WriteAsync(GrainWrite write)
    {
        var pending = new Pending(write);
        var start = false;
        lock (_gate)
        {
            _queue.Add(pending);
            if (_queue.Count >= options.MaxBatchSize)
            {
                _batchFull.TrySetResult();
            }

            if (!_collecting && _running < options.MaxConcurrentBatches)
            {
                _collecting = true;
                _running++;
                start = true;
            }
        }

        if (start)
        {
            // Off the caller's scheduler (a grain's): the batch's continuations must not run on it.
            _ = Task.Run(RunBatchesAsync);
        }

        return pending.Done.Task;
    }

    /// <summary>Completes once every queued write has been answered (for shutdown).</summary>
    public Task WhenIdleAsync()
    {
        lock (_gate)
        {
            return _running == 0 && _queue.Count == 0 ? Task.CompletedTask : _idle.Task;
        }
    }

    /// <summary>One runner: collects a batch, runs it, and collects the next while no other runner does.</summary>
    private async Task RunBatchesAsync()
    {
        while (true)
        {
            await WaitForWindowAsync().ConfigureAwait(false);
            List<Pending> batch;
            var startAnother = false;
            lock (_gate)
            {
                batch = TakeBatch();
                _collecting = false;
                if (batch.Count == 0)
                {
                    ExitRunner();
                    return;
                }

                if (_queue.Count > 0 && _running < options.MaxConcurrentBatches)
                {
                    // More is waiting than this batch took: let another runner collect it meanwhile.
                    _collecting = true;
                    _running++;
                    startAnother = true;
                }
            }

            if (startAnother)
            {
                _ = Task.Run(RunBatchesAsync);
            }

            await RunAsync(batch).ConfigureAwait(false);

            lock (_gate)
            {
                if (_queue.Count == 0 || _collecting)
                {
                    ExitRunner();
                    return;
                }

                _collecting = true;
            }
        }
    }

    private async Task WaitForWindowAsync()
    {
        if (options.Window <= TimeSpan.Zero)
        {
            return;
        }

        Task full;
        TimeSpan wait;
        lock (_gate)
        {
            if (_queue.Count == 0 || _queue.Count >= options.MaxBatchSize)
            {
                return;
            }

            wait = options.Window - Stopwatch.GetElapsedTime(_queue[0].Write.StartedAt);
            if (_batchFull.Task.IsCompleted)
            {
                _batchFull = NewSignal();
            }

            full = _batchFull.Task;
        }

        if (wait > TimeSpan.Zero)
        {
            await Task.WhenAny(full, Task.Delay(wait)).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Up to MaxBatchSize queued writes taken in arrival order, at most one per row, then put in primary-key order.
    /// Called under the lock. The order is what keeps concurrent batches from deadlocking: each takes its rows' locks
    /// in the order of its statements, so two batches sharing rows A and B in opposite orders would each wait for the
    /// other (PostgreSQL then aborts one with 40P01 after deadlock_timeout; CockroachDB aborts one too). In one order,
    /// the later batch waits for the earlier and nothing cycles. Arrival order inside a batch means nothing: its
    /// rows commit together, and a row's later write is always in a later batch.
    /// </summary>
    private List<Pending> TakeBatch()
    {
        var batch = new List<Pending>(Math.Min(_queue.Count, options.MaxBatchSize));
        var rows = new HashSet<GrainStateKey>();
        for (var i = 0; i < _queue.Count && batch.Count < options.MaxBatchSize;)
        {
            if (rows.Add(_queue[i].Write.Key))
            {
                batch.Add(_queue[i]);
                _queue.RemoveAt(i);
            }
            else
            {
                i++; // a second write of a row already in the batch waits for the next one
            }
        }

        batch.Sort(static (a, b) => GrainStateKey.Compare(a.Write.Key, b.Write.Key));
        return batch;
    }

    private void ExitRunner()
    {
        _running--;
        if (_running == 0 && _queue.Count == 0)
        {
            _idle.TrySetResult();
            _idle = NewSignal();
        }
    }

    private async Task RunAsync(List<Pending> batch)
    {
        metrics.Batch(batch.Count);
        try
        {
            await writer.WriteAsync([.. batch.Select(p => p.Write)]).ConfigureAwait(false);
            batch.ForEach(p => p.Done.TrySetResult());
        }
        catch (Exception e) when (batch.Count > 1 && PostgresErrorClassifier.Classify(e) == FailureKind.Fatal)
        {
            // One row's data made the database refuse the whole transaction; nothing applied. Alone, each write
            // fails or succeeds on its own.
            foreach (var pending in batch)
            {
                await RunAsync([pending]).ConfigureAwait(false);
            }
        }
        catch (Exception e)
        {
            batch.ForEach(p => p.Done.TrySetException(e));
            if (PostgresErrorClassifier.Classify(e) is FailureKind.Connection or FailureKind.Busy)
            {
                FailQueued(e);
            }
        }
    }

    /// <summary>
    /// The database stayed unreachable (or without a free connection) for a whole retry schedule: the writes queued
    /// behind this batch would meet the same, and waiting for a batch slot first would make their callers hear it
    /// only after their own timeouts. They fail now with the same transient error (nothing of theirs was sent, so
    /// the outcome is certain) and their callers can retry once the database is back.
    /// </summary>
    private void FailQueued(Exception e)
    {
        List<Pending> queued;
        lock (_gate)
        {
            queued = [.. _queue];
            _queue.Clear();
        }

        queued.ForEach(p => p.Done.TrySetException(e));
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private sealed class Pending(GrainWrite write)
    {
        public GrainWrite Write { get; } = write;

        public TaskCompletionSource Done { get; } = NewSignal();
    }
}
