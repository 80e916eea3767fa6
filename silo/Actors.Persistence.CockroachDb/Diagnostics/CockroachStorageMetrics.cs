using System.Diagnostics;
using System.Diagnostics.Metrics;
using Actors.Persistence.CockroachDb.Resilience;

namespace Actors.Persistence.CockroachDb.Diagnostics;

/// <summary>
/// The provider's instruments, on the meter <see cref="MeterName"/>. Every measurement carries the provider
/// name (<c>provider</c>) so that several storages in one silo stay apart.
/// </summary>
public sealed class CockroachStorageMetrics
{
    /// <summary>Name of the meter; subscribe to it with OpenTelemetry's <c>AddMeter</c>.</summary>
    public const string MeterName = "Actors.Persistence.CockroachDb";

    private readonly KeyValuePair<string, object?> _provider;
    private readonly Counter<long> _operations;
    private readonly Counter<long> _retries;
    private readonly Counter<long> _conflicts;
    private readonly Counter<long> _ambiguousCommits;
    private readonly Counter<long> _failures;
    private readonly Histogram<double> _duration;
    private readonly Histogram<int> _batchSize;
    private readonly Histogram<int> _readBatchSize;

    /// <summary>Creates the instruments through <paramref name="meterFactory"/>.</summary>
    public CockroachStorageMetrics(IMeterFactory meterFactory, string providerName)
    {
        var meter = meterFactory.Create(MeterName);
        _provider = new("provider", providerName);
        _operations = meter.CreateCounter<long>("actors.storage.operations", "{operation}", "Grain state reads, writes and clears that completed.");
        _retries = meter.CreateCounter<long>("actors.storage.retries", "{retry}", "Attempts rerun after a retryable failure, by cause.");
        _conflicts = meter.CreateCounter<long>("actors.storage.conflicts", "{conflict}", "Writes refused because the ETag (version) did not match.");
        _ambiguousCommits = meter.CreateCounter<long>("actors.storage.ambiguous_commits", "{commit}", "Commits whose outcome was unknown, by how they resolved.");
        _failures = meter.CreateCounter<long>("actors.storage.failures", "{operation}", "Operations that failed after retries or with a fatal error.");
        _duration = meter.CreateHistogram<double>("actors.storage.duration", "ms", "Time of an operation, retries included.");
        _batchSize = meter.CreateHistogram<int>("actors.storage.batch_size", "{write}", "Grain state writes carried by one write transaction (cross-grain batching).");
        _readBatchSize = meter.CreateHistogram<int>("actors.storage.read_batch_size", "{read}", "Grain state reads carried by one round trip (cross-grain read batching).");
    }

    /// <summary>An operation finished successfully.</summary>
    public void Completed(string operation, long startTimestamp)
    {
        var tags = new TagList { _provider, { "operation", operation } };
        _operations.Add(1, tags);
        _duration.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds, tags);
    }

    /// <summary>An attempt failed and will be retried.</summary>
    public void Retried(FailureKind cause) => _retries.Add(1, _provider, new("cause", CauseName(cause)));

    /// <summary>A write lost its ETag check.</summary>
    public void Conflict(string operation) => _conflicts.Add(1, _provider, new("operation", operation));

    /// <summary>An ambiguous commit was resolved (<c>applied</c>, <c>not_applied</c>, <c>conflict</c>).</summary>
    public void AmbiguousCommitResolved(string resolution) => _ambiguousCommits.Add(1, _provider, new("resolution", resolution));

    /// <summary>A write transaction (a batch) of <paramref name="writes"/> writes is about to run.</summary>
    public void Batch(int writes) => _batchSize.Record(writes, _provider);

    /// <summary>A read batch of <paramref name="reads"/> reads is about to run.</summary>
    public void ReadBatch(int reads) => _readBatchSize.Record(reads, _provider);

    /// <summary>An operation failed for good.</summary>
    public void Failed(string operation) => _failures.Add(1, _provider, new("operation", operation));

    private static string CauseName(FailureKind cause) => cause switch
    {
        FailureKind.Serialization => "serialization",
        FailureKind.Connection => "connection",
        FailureKind.Ambiguous => "ambiguous",
        FailureKind.Busy => "busy",
        _ => "other",
    };
}
