namespace Actors.Persistence.CockroachDb.Providers;

/// <summary>
/// Cross-grain write batching: writes of different grains that arrive together go to the database as one
/// transaction (one round trip, one commit), each row still conditional on its own version, each caller answered
/// only once that transaction committed. A version conflict fails only its own grain; a retryable error reruns the
/// whole batch; a write the database refuses outright (bad data) is retried alone so that it fails alone.
/// See docs/storage.md, "Cross-grain batching".
/// </summary>
public sealed class CockroachBatchingOptions
{
    /// <summary>
    /// Batch across grains. Off: every write is its own transaction (still one round trip) and every read its own
    /// round trip, whatever <see cref="Reads"/> says. Default true.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Batch reads (activations) across grains too: reads that queue while every batch slot is busy go to the
    /// database together, one round trip for all of them. No read waits for others (<see cref="Window"/> applies to
    /// writes only). Read batches take their own connections, up to <see cref="MaxConcurrentBatches"/>, besides the
    /// write batches'. Default true.
    /// </summary>
    public bool Reads { get; set; } = true;

    /// <summary>
    /// How long a batch waits, counted from its oldest write's arrival, for more writes to join it before it is sent.
    /// Zero sends at once whatever has queued up (writes queue while the batches in flight run, so under load batches
    /// form without any wait). Counts against each write's retry budget. Default 0 (see docs/storage.md for the
    /// measurements behind it).
    /// </summary>
    public TimeSpan Window { get; set; } = TimeSpan.Zero;

    /// <summary>The most writes in one transaction, and reads in one read batch. Default 64.</summary>
    public int MaxBatchSize { get; set; } = 64;

    /// <summary>
    /// The most write batches in flight at once, and the most read batches (each holds one pooled connection, so the
    /// pool needs twice this, plus what unbatched work takes). Default 4.
    /// </summary>
    public int MaxConcurrentBatches { get; set; } = 4;
}
