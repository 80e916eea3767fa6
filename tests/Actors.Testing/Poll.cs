using System.Diagnostics;

namespace Actors.Testing;

/// <summary>Waits for a condition by polling it, never longer than a deadline: tests wait for states, not for time.</summary>
public static class Poll
{
    /// <summary>How often a condition is checked.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Reads <paramref name="probe"/> until <paramref name="done"/> holds and returns that value; throws
    /// <see cref="TimeoutException"/> naming <paramref name="what"/> and the last value seen once <paramref name="timeout"/>
    /// passes. A probe that throws counts as "not yet" (the last error is reported on timeout). <paramref name="describe"/>
    /// renders the last value for that message (default: <see cref="object.ToString"/>).
    /// </summary>
    public static async Task<T> UntilAsync<T>(
        Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string what, Func<T, string>? describe = null)
    {
        var started = Stopwatch.StartNew();
        var last = "nothing (no probe finished)";
        while (true)
        {
            try
            {
                var value = await probe();
                if (done(value))
                {
                    return value;
                }

                last = value is null ? "null" : describe?.Invoke(value) ?? value.ToString() ?? string.Empty;
            }
            catch (Exception e)
            {
                last = $"{e.GetType().Name}: {e.Message}";
            }

            if (started.Elapsed >= timeout)
            {
                throw new TimeoutException($"Waited {timeout.TotalSeconds:0.#} s for {what}; last seen: {last}");
            }

            await Task.Delay(Interval);
        }
    }
}
