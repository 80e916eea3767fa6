namespace Actors.Benchmarks.Running;

/// <summary>What a run measures and how much of it.</summary>
internal sealed record BenchOptions
{
    /// <summary>Small sizes, one round: a smoke run of seconds that proves every scenario still runs (CI), not figures.</summary>
    public bool Quick { get; init; }

    /// <summary>Where to write the rows as JSON; none if null.</summary>
    public string? JsonPath { get; init; }

    /// <summary>Scenario names to run (a row's <c>scenario</c>, or a scenario's group name); all if empty.</summary>
    public IReadOnlyList<string> Scenarios { get; init; } = [];

    /// <summary>Providers to measure; each scenario's default set if empty.</summary>
    public IReadOnlyList<string> Providers { get; init; } = [];

    /// <summary>Rounds per measurement (interleaved across providers; rows are medians); the size's default if null.</summary>
    public int? Rounds { get; init; }

    /// <summary>An existing server's admin connection string instead of a server of the run's own (then no database CPU or WAL).</summary>
    public string? Database { get; init; }

    /// <summary>
    /// Where the memory scenario writes a heap dump of this process (with <c>dotnet-dump</c>) once its activations are
    /// idle, and one to <c>PATH.before</c> before they are activated: the difference of their
    /// <c>dotnet-dump analyze PATH -c "dumpheap -stat"</c> is what the activations hold, type by type. None if null.
    /// </summary>
    public string? HeapDumpPath { get; init; }

    /// <summary>The sizes this run uses.</summary>
    public BenchSizes Sizes => (Quick ? BenchSizes.Quick : BenchSizes.Full) with { Rounds = Rounds ?? (Quick ? BenchSizes.Quick : BenchSizes.Full).Rounds };
}
