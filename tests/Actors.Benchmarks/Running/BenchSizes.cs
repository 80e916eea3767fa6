namespace Actors.Benchmarks.Running;

/// <summary>
/// How much work each scenario does. <see cref="Full"/> keeps a whole run under 10 minutes on 2 cores while each
/// round lasts long enough (seconds) for its rate and CPU figures to mean something; <see cref="Quick"/> only proves
/// that every scenario runs.
/// </summary>
internal sealed record BenchSizes
{
    public static BenchSizes Full { get; } = new();

    public static BenchSizes Quick { get; } = new()
    {
        Rounds = 1,
        StorageOpsPerRound = 64,
        UpdateCallers = [8, 64],
        HotDocumentAnnotators = 20,
        HotDocumentAddsPerAnnotator = 2,
        SequentialAdds = 10,
        GrowthSizes = [0, 100],
        GrowthAddsPerSize = 2,
        StudentReflections = [0, 50],
        StudentUpdatesPerSize = 3,
        GatewayStreams = 8,
        GatewayRound = TimeSpan.FromMilliseconds(300),
        GatewayWarmupCalls = 20,
        MemoryActivations = 1_000,
    };

    /// <summary>Rounds per measurement; providers take turns within each round.</summary>
    public int Rounds { get; init; } = 5;

    /// <summary>Operations per round of first-write, update and cold-read (rounded up to a multiple of the callers).</summary>
    public int StorageOpsPerRound { get; init; } = 4_096;

    /// <summary>Concurrent callers of first-write and cold-read.</summary>
    public int StorageCallers { get; init; } = 64;

    /// <summary>Concurrent callers of update, one row each.</summary>
    public IReadOnlyList<int> UpdateCallers { get; init; } = [8, 64, 256];

    /// <summary>Concurrent annotators of hot-document, each awaiting its own adds.</summary>
    public int HotDocumentAnnotators { get; init; } = 200;

    /// <summary>Adds per annotator per round of hot-document.</summary>
    public int HotDocumentAddsPerAnnotator { get; init; } = 5;

    /// <summary>Adds per round of the one-caller hot-document row (one write per add).</summary>
    public int SequentialAdds { get; init; } = 200;

    /// <summary>Document sizes (annotations already on it) at which growth measures an add.</summary>
    public IReadOnlyList<int> GrowthSizes { get; init; } = [0, 1_000, 5_000, 10_000];

    /// <summary>Awaited adds (and activations) measured at each growth size.</summary>
    public int GrowthAddsPerSize { get; init; } = 10;

    /// <summary>Reflections a student holds (rows' <c>items</c>) when student-growth measures a goal update.</summary>
    public IReadOnlyList<int> StudentReflections { get; init; } = [0, 500];

    /// <summary>Awaited goal updates measured at each student-growth size.</summary>
    public int StudentUpdatesPerSize { get; init; } = 50;

    /// <summary>Concurrent streams on the gateway's one HTTP/2 connection.</summary>
    public int GatewayStreams { get; init; } = 64;

    /// <summary>Length of one gateway round.</summary>
    public TimeSpan GatewayRound { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Calls of each kind before the gateway rounds (JIT, connections, activations).</summary>
    public int GatewayWarmupCalls { get; init; } = 500;

    /// <summary>Idle student activations the memory scenario holds.</summary>
    public int MemoryActivations { get; init; } = 100_000;
}
