using Actors.Contracts.Errors;

namespace Actors.Grains.Validation;

/// <summary>Checks against the bounds every stored collection has (a grain's state is written whole).</summary>
internal static class Limits
{
    /// <summary>Throws <see cref="QuotaExceededException"/> when <paramref name="count"/> items already fill <paramref name="limit"/>.</summary>
    public static void RoomForOneMore(int count, int limit, string what)
    {
        if (count >= limit)
        {
            throw new QuotaExceededException($"Cannot add to {what}", limit);
        }
    }
}
