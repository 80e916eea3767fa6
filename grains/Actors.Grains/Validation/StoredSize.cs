using System.Buffers;
using System.Text.Json;

namespace Actors.Grains.Validation;

/// <summary>
/// How many bytes something takes stored: its JSON in UTF-8, written with the options the storage provider uses
/// (System.Text.Json's web defaults: camelCase, non-ASCII escaped). Counted without keeping the bytes.
/// <para>
/// Ink points are counted in their readable form (an array of <c>{"x":…,"y":…}</c>), not as the base64 string storage
/// keeps (<c>StoredInkPointsConverter</c>): the limits are on what the API and the export carry, documents' running
/// totals (<c>AnnotationBytes</c>) were summed that way and stay consistent, and the stored form is bounded anyway
/// (at most 16 bytes a point before base64).
/// </para>
/// </summary>
internal static class StoredSize
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static long Of<T>(T value)
    {
        var counter = new ByteCounter();
        using (var writer = new Utf8JsonWriter(counter))
        {
            JsonSerializer.Serialize(writer, value, Options);
        }

        return counter.Count;
    }

    /// <summary>A buffer writer that only counts: the writer is handed one scratch buffer again and again.</summary>
    private sealed class ByteCounter : IBufferWriter<byte>
    {
        private byte[] _scratch = new byte[4096];

        public long Count { get; private set; }

        public void Advance(int count) => Count += count;

        public Memory<byte> GetMemory(int sizeHint = 0) => Scratch(sizeHint);

        public Span<byte> GetSpan(int sizeHint = 0) => Scratch(sizeHint);

        private byte[] Scratch(int sizeHint)
        {
            if (sizeHint > _scratch.Length)
            {
                _scratch = new byte[sizeHint];
            }

            return _scratch;
        }
    }
}
