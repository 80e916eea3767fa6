using System.Diagnostics.Metrics;
using Actors.Persistence.CockroachDb.Diagnostics;

namespace Actors.Benchmarks.Measurement;

/// <summary>
/// Counts the retries of our storage (the <c>actors.storage.retries</c> instrument of
/// <see cref="CockroachStorageMetrics"/>) in this process. Rounds run one provider at a time, so the count between
/// two readings is that round's. A retry is the likeliest cause of a latency tail: the attempt that failed, a
/// backoff, and the rerun (of a whole batch, with batching), so the table shows them next to p99.
/// </summary>
internal static class StorageRetries
{
    private static readonly MeterListener Listener = Start();
    private static long _count;

    /// <summary>Retries counted since the process started.</summary>
    public static long Count
    {
        get
        {
            GC.KeepAlive(Listener);
            return Interlocked.Read(ref _count);
        }
    }

    private static MeterListener Start()
    {
        var listener = new MeterListener
        {
            InstrumentPublished = static (instrument, l) =>
            {
                if (instrument.Meter.Name == CockroachStorageMetrics.MeterName && instrument.Name == "actors.storage.retries")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>(static (_, value, _, _) => Interlocked.Add(ref _count, value));
        listener.Start();
        return listener;
    }
}
