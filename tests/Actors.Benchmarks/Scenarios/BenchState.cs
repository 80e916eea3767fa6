namespace Actors.Benchmarks.Scenarios;

/// <summary>
/// The grain state the storage scenarios write straight through <c>IGrainStorage</c>: about 1 KB of JSON, the size
/// of a student with a profile and a few goals. A plain class, so every provider's serializer takes it.
/// </summary>
public sealed class BenchState
{
    public string Title { get; set; } = "";

    public List<string> Notes { get; set; } = [];

    /// <summary>The state of write <paramref name="write"/>: a different value each time, so every write changes the row.</summary>
    public static BenchState For(int write) => new()
    {
        Title = $"write {write}",
        Notes = [.. Enumerable.Range(0, 16).Select(i => $"note {i} of write {write}: the quick brown fox jumps over the lazy dog")],
    };
}
