using Actors.Persistence.CockroachDb.Diagnostics;
using Actors.Persistence.CockroachDb.Providers;

namespace Actors.Persistence.CockroachDb.Storage;

/// <summary>
/// Gathers reads of different grains (activations) into batches for <see cref="BatchReader"/>: one round trip and
/// one statement execution per read on the same connection, instead of a connection, a round trip and a transaction
/// each. A lesson's start activates hundreds of students at once; their reads arrive together.
/// <list type="bullet">
/// <item>Reads queue in arrival order. Up to <see cref="CockroachBatchingOptions.MaxConcurrentBatches"/> batches run at
/// once; each takes what has queued, up to <see cref="CockroachBatchingOptions.MaxBatchSize"/>. No read waits for
/// others to arrive (there is no window: an activation is a user waiting): a read arriving while a batch slot is free
/// runs at once, alone, and batches form only from reads that queued while every slot was busy.</item>
/// <item>A caller's task completes once its batch has been read (or failed for good). A batch that fails fails all
/// its reads with the same error; a read whose stored items do not deserialize fails alone
/// (<see cref="GrainRead.ItemError"/>).</item>
/// </list>
/// </summary>
internal sealed class ReadBatcher(BatchReader reader, CockroachBatchingOptions options, CockroachStorageMetrics metrics)
{
    private readonly Lock _gate = new();
    private readonly Queue<Pending> _queue = new();
    private int _running;

    /// <summary>Queues <paramref name="read"/>; completes when it has been read, or failed.</summary>
    public Task ReadAsync(GrainRead read)
    {
        var pending = new Pending(read);
        var start = false;
        lock (_gate)
        {
            _queue.Enqueue(pending);
            if (_running < options.MaxConcurrentBatches)
            {
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

    /// <summary>One runner: runs batches of what has queued until nothing has.</summary>
    private async Task RunBatchesAsync()
    {
        while (true)
        {
            Pending[] batch;
            lock (_gate)
            {
                if (_queue.Count == 0)
                {
                    _running--;
                    return;
                }

                batch = new Pending[Math.Min(_queue.Count, options.MaxBatchSize)];
                for (var i = 0; i < batch.Length; i++)
                {
                    batch[i] = _queue.Dequeue();
                }
            }

            metrics.ReadBatch(batch.Length);
            try
            {
                await reader.ReadAsync(Array.ConvertAll(batch, p => p.Read)).ConfigureAwait(false);
                foreach (var pending in batch)
                {
                    pending.Done.TrySetResult();
                }
            }
            catch (Exception e)
            {
                foreach (var pending in batch)
                {
                    pending.Done.TrySetException(e);
                }
            }
        }
    }

    private sealed class Pending(GrainRead read)
    {
        public GrainRead Read { get; } = read;

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
