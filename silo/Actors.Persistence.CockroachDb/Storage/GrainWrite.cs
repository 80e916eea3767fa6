using Actors.Persistence.CockroachDb.Diagnostics;

namespace Actors.Persistence.CockroachDb.Storage;

/// <summary>
/// One logical write of a grain state (a tombstone when <see cref="Json"/> is null), unchanged across every attempt
/// of the transaction that carries it: its <see cref="WriteId"/> is how the outcome of a cut-off COMMIT is found.
/// </summary>
internal sealed class GrainWrite(GrainStateKey key, long? expectedVersion, string? json, long startedAt)
{
    private static readonly ItemChange[] NoItems = [];

    public GrainStateKey Key { get; } = key;

    /// <summary>The version the grain read (its ETag); null for a first write.</summary>
    public long? ExpectedVersion { get; } = expectedVersion;

    public string? Json { get; } = json;

    /// <summary>Item rows written or deleted with the state row (collections stored per item), applied only if the state row's write is.</summary>
    public IReadOnlyList<ItemChange> Items { get; init; } = NoItems;

    /// <summary>Delete every item row of the grain state before <see cref="Items"/> are written (a clear, or a write whose stored items are unknown).</summary>
    public bool ReplaceItems { get; init; }

    /// <summary>Fresh per logical write, the same on every attempt.</summary>
    public Guid WriteId { get; } = Guid.NewGuid();

    /// <summary>When the caller asked for the write (<see cref="System.Diagnostics.Stopwatch"/> timestamp): the retry budget counts from here.</summary>
    public long StartedAt { get; } = startedAt;

    /// <summary>An attempt carrying this write lost its connection after the COMMIT was sent, and no later attempt has yet found out what became of it.</summary>
    public bool CommitWasAmbiguous { get; set; }

    /// <summary>Set once the transaction that carried the write committed.</summary>
    public WriteOutcome? Outcome { get; private set; }

    /// <summary>Records the outcome and, if an earlier COMMIT of this write was cut off, how that turned out.</summary>
    public void Resolve(WriteOutcome outcome, CockroachStorageMetrics metrics, bool appliedEarlier)
    {
        if (CommitWasAmbiguous)
        {
            CommitWasAmbiguous = false;
            metrics.AmbiguousCommitResolved(outcome.Conflict ? "conflict" : appliedEarlier ? "applied" : "not_applied");
        }

        Outcome = outcome;
    }
}

/// <summary>What became of a write: the version it produced, or a conflict with the version found instead (null: no row).</summary>
internal readonly record struct WriteOutcome(long Version, bool Conflict, long? CurrentVersion)
{
    public static WriteOutcome Written(long version) => new(version, false, null);

    public static WriteOutcome Conflicted(long? currentVersion) => new(0, true, currentVersion);
}
