using System.Runtime.ExceptionServices;

namespace Actors.Grains.Coordination;

/// <summary>Calls to many grains at once, with a bound, keeping each call's outcome.</summary>
internal static class FanOut
{
    /// <summary>
    /// Runs <paramref name="step"/> for every item, at most <paramref name="maxParallel"/> at a time, and reports
    /// which failed instead of stopping at the first: the successes are recorded even when others fail.
    /// </summary>
    public static async Task<List<(T Item, Exception? Error)>> RunAsync<T>(IReadOnlyList<T> items, int maxParallel, Func<T, Task> step)
    {
        var results = new List<(T, Exception?)>(items.Count);
        foreach (var chunk in items.Chunk(Math.Max(1, maxParallel)))
        {
            results.AddRange(await Task.WhenAll(chunk.Select(async item =>
            {
                try
                {
                    await step(item);
                    return (item, (Exception?)null);
                }
                catch (Exception e)
                {
                    return (item, e);
                }
            })));
        }

        return results;
    }

    /// <summary>Rethrows the first failure, if any, with its original stack.</summary>
    public static void ThrowFirstError<T>(List<(T Item, Exception? Error)> results)
    {
        if (results.Find(r => r.Error is not null).Error is { } error)
        {
            ExceptionDispatchInfo.Throw(error);
        }
    }
}
