using Orleans.Runtime;

namespace Actors.Grains.Persistence;

/// <summary>Writing immutable grain state so that memory never runs ahead of storage.</summary>
internal static class PersistentStateExtensions
{
    /// <summary>
    /// Makes <paramref name="next"/> the state and writes it. If the write fails, the previous state is put back
    /// before the error propagates, so the activation keeps serving exactly what storage holds. (After an
    /// ambiguous failure the write may have applied after all; the next write then fails its ETag check with an
    /// <see cref="Orleans.Storage.InconsistentStateException"/>, on which Orleans deactivates the grain and the next activation
    /// reads the truth.)
    /// </summary>
    public static async Task WriteOrRevertAsync<T>(this IPersistentState<T> storage, T next)
    {
        var previous = storage.State;
        storage.State = next;
        try
        {
            await storage.WriteStateAsync();
        }
        catch
        {
            storage.State = previous;
            throw;
        }
    }
}
