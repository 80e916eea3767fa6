using Orleans;

namespace Actors.Persistence.Tests;

/// <summary>What a grain's <c>IPersistentState</c> holds, for driving the storage directly (non-null State for tests).</summary>
public sealed class StoredState<T> : IGrainState<T>
{
    public T State { get; set; } = default!;

    T? IGrainState<T>.State
    {
        get => State;
        set => State = value!;
    }

    public string? ETag { get; set; }

    public bool RecordExists { get; set; }
}
