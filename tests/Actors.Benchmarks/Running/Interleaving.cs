namespace Actors.Benchmarks.Running;

/// <summary>
/// Rounds in which every provider takes a turn, the order rotating from round to round, so that warm-up, a noisy
/// neighbour or a checkpoint weighs on every provider alike and a row's median compares like with like.
/// </summary>
internal static class Interleaving
{
    /// <summary>The order of turns in round <paramref name="round"/>: <paramref name="items"/> rotated left by the round number.</summary>
    public static IEnumerable<T> Turns<T>(IReadOnlyList<T> items, int round)
        => Enumerable.Range(0, items.Count).Select(i => items[(i + round) % items.Count]);

    /// <summary>Runs <paramref name="rounds"/> rounds of <paramref name="turn"/> (item, round) over <paramref name="items"/>; each item's samples in round order.</summary>
    public static async Task<IReadOnlyDictionary<T, List<Sample>>> RunAsync<T>(IReadOnlyList<T> items, int rounds, Func<T, int, Task<Sample>> turn)
        where T : notnull
    {
        var samples = items.ToDictionary(i => i, _ => new List<Sample>());
        for (var round = 0; round < rounds; round++)
        {
            foreach (var item in Turns(items, round))
            {
                samples[item].Add(await turn(item, round));
            }
        }

        return samples;
    }
}
