using System.Globalization;
using Actors.Contracts.Errors;

namespace Actors.Grains.Validation;

/// <summary>Checks against the bounds of what a grain stores: counts of every collection, and bytes.</summary>
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

    /// <summary>
    /// Throws <see cref="QuotaExceededException"/> when <paramref name="bytes"/> (a stored size, see <see cref="StoredSize"/>)
    /// exceed <paramref name="limit"/>. Called before anything is written: the change is refused and nothing changes.
    /// </summary>
    public static void RoomForBytes(long bytes, int limit, string what) => RoomForBytes(bytes, static () => 0, limit, what);

    /// <summary>
    /// As <see cref="RoomForBytes(long, int, string)"/>, but a change that does not grow the state (<paramref name="bytesBefore"/>,
    /// asked only when over the limit) is let through: a state over the limit from before it existed may still shrink.
    /// </summary>
    public static void RoomForBytes(long bytes, Func<long> bytesBefore, int limit, string what)
    {
        if (bytes > limit && bytes > bytesBefore())
        {
            throw new QuotaExceededException(string.Create(CultureInfo.InvariantCulture, $"{what} would take {bytes:N0} bytes stored"), limit, "bytes");
        }
    }
}
