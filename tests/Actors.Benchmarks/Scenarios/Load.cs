namespace Actors.Benchmarks.Scenarios;

/// <summary>How the scenarios drive load: concurrent callers, and setup steps that must succeed before a round.</summary>
internal static class Load
{
    /// <summary>Runs <paramref name="callers"/> concurrent callers; caller <c>c</c> runs <paramref name="caller"/>(c).</summary>
    public static Task Concurrently(int callers, Func<int, Task> caller)
        => Task.WhenAll(Enumerable.Range(0, callers).Select(c => Task.Run(() => caller(c))));

    /// <summary>
    /// Runs a setup step, retrying it until it succeeds (within a bound): setup is not measured, and the stock
    /// provider, which never retries, fails most concurrent inserts under SERIALIZABLE (a failed insert left no row,
    /// so it can be rerun). Random pauses spread the retries out so that they stop colliding.
    /// </summary>
    public static async Task SetupAsync(Func<Task> step)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await step();
                return;
            }
            catch (Exception) when (attempt < 50)
            {
                await Task.Delay(Random.Shared.Next(1, Math.Min(200, 10 * attempt)));
            }
        }
    }

    /// <summary>Operations per caller so that a round has at least <paramref name="opsPerRound"/> in all.</summary>
    public static int PerCaller(int opsPerRound, int callers) => Math.Max(1, (opsPerRound + callers - 1) / callers);
}
