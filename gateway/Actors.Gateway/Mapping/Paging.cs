using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Actors.Contracts.Errors;
using Google.Protobuf;

namespace Actors.Gateway.Mapping;

/// <summary>A page of a list and the token of the next one (empty on the last page).</summary>
internal readonly record struct Page<T>(IReadOnlyList<T> Items, string NextPageToken);

/// <summary>
/// Pages through a list the grain returned whole. A page token names the last item sent (its key, and its position
/// as a fallback): the next page starts after that item wherever it now is, so items added or removed between two
/// pages neither repeat nor disappear. A page ends at <c>page_size</c> items or before it would pass
/// <see cref="ResponseBudgetBytes"/>, whichever comes first, so a response stays well under the 1 MB message limit.
/// </summary>
internal static class Paging
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    /// <summary>Most bytes of items in one page (half the message limit, leaving room for everything else).</summary>
    public const int ResponseBudgetBytes = 512 * 1024;

    public static Page<TProto> Take<TItem, TProto>(
        IReadOnlyList<TItem> items, Func<TItem, string> key, Func<TItem, TProto> toProto, int pageSize, string pageToken)
        where TProto : IMessage
    {
        var size = Size(pageSize);
        var start = StartAfter(items, key, pageToken);
        var page = new List<TProto>(Math.Min(size, items.Count - start));
        var bytes = 0;
        var next = start;
        while (next < items.Count && page.Count < size)
        {
            var proto = toProto(items[next]);
            bytes += proto.CalculateSize();
            if (page.Count > 0 && bytes > ResponseBudgetBytes)
            {
                break;
            }

            page.Add(proto);
            next++;
        }

        return new Page<TProto>(page, next < items.Count ? Token(next - 1, key(items[next - 1])) : "");
    }

    /// <summary>The number of items a request's <c>page_size</c> asks for: 0 is the default, more than the maximum is the maximum.</summary>
    public static int Size(int pageSize) => pageSize switch
    {
        < 0 => throw new ValidationException("page_size", $"is {pageSize}; it must be 0 (the default, {DefaultPageSize}) or more."),
        0 => DefaultPageSize,
        _ => Math.Min(pageSize, MaxPageSize),
    };

    /// <summary>For lists the grain pages itself, in key order: the key a request's <c>page_token</c> continues after (null for the first page).</summary>
    public static string? KeyAfter(string pageToken) => pageToken.Length == 0 ? null : Parse(pageToken).Key;

    /// <summary>For lists the grain pages itself: the <c>next_page_token</c> that continues after <paramref name="lastKey"/>.</summary>
    public static string TokenAfter(string lastKey) => Token(0, lastKey);

    private static int StartAfter<TItem>(IReadOnlyList<TItem> items, Func<TItem, string> key, string pageToken)
    {
        if (pageToken.Length == 0)
        {
            return 0;
        }

        var (position, lastKey) = Parse(pageToken);
        for (var i = 0; i < items.Count; i++)
        {
            if (key(items[i]) == lastKey)
            {
                return i + 1;
            }
        }

        // The last item sent is gone: continue from where it was.
        return Math.Min(position + 1, items.Count);
    }

    private static string Token(int position, string key)
        => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(position.ToString(CultureInfo.InvariantCulture) + ":" + key));

    private static (int Position, string Key) Parse(string pageToken)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(pageToken));
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && int.TryParse(text.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var position))
            {
                return (position, text[(colon + 1)..]);
            }
        }
        catch (FormatException)
        {
        }

        throw new ValidationException("page_token", "is not a token this list returned.");
    }
}
