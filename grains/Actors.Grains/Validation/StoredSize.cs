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

    // One counter and one writer per thread, reused: every annotation change measures its annotation, and a new
    // counter's 4 KB scratch buffer per call was a third of the bytes an add allocated (hot-document, 200 annotators).
    // Not re-entered on a thread: serializing does not measure.
    [ThreadStatic]
    private static ByteCounter? t_counter;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    public static long Of<T>(T value)
    {
        var counter = t_counter ??= new ByteCounter();
        counter.Count = 0;
        var writer = t_writer ??= new Utf8JsonWriter(counter);
        writer.Reset(counter);
        try
        {
            JsonSerializer.Serialize(writer, value, Options);
            writer.Flush();
            return counter.Count;
        }
        finally
        {
            writer.Reset(counter); // leaves no state (an exception's half-written value) for the next call
        }
    }

    /// <summary>A buffer writer that only counts: the writer is handed one scratch buffer again and again.</summary>
    private sealed class ByteCounter : IBufferWriter<byte>
    {
        private byte[] _scratch = new byte[4096];

        public long Count { get; set; }

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
