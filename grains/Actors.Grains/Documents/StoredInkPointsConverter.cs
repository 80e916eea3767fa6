using System.Buffers;
using System.Buffers.Binary;
using System.Buffers.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Actors.Contracts.Documents;

namespace Actors.Grains.Documents;

/// <summary>
/// An ink stroke's points as grain storage keeps them: one JSON string, the base64 of each point's X then Y as
/// IEEE 754 doubles in little-endian order (16 bytes a point). Exact: every double, -0.0 included, comes back bit for
/// bit. Reads the readable form too (an array of <c>{"x":…,"y":…}</c>, what rows written before hold), forever: a
/// row moves to the string when its annotation is next written.
/// <para>
/// Why: JSONB keeps a JSON number as a PostgreSQL <c>numeric</c>, and printing numerics is most of the database's
/// work when a document of thousands of strokes is read; the silo then parsed every number back. A string is copied
/// out, and the silo decodes bytes. Only the storage's options use this (<c>GrainStateJson</c> in the silo); the API,
/// exports and Orleans' own serialization keep the points readable or binary as they were (docs/storage.md, "Ink
/// points").
/// </para>
/// </summary>
public sealed class StoredInkPointsConverter : JsonConverter<IReadOnlyList<PagePoint>>
{
    /// <summary>Bytes a point takes before base64: two doubles.</summary>
    public const int BytesPerPoint = 2 * sizeof(double);

    private static readonly PagePointJsonConverter Readable = new();

    /// <inheritdoc />
    public override IReadOnlyList<PagePoint> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.String => Decode(ref reader),
        JsonTokenType.StartArray => ReadReadable(ref reader, options),
        _ => throw new JsonException($"Stored ink points are a base64 string or an array of {{x, y}} objects; found {reader.TokenType}."),
    };

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, IReadOnlyList<PagePoint> value, JsonSerializerOptions options)
    {
        var length = value.Count * BytesPerPoint;
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var bytes = buffer.AsSpan(0, length);
            for (var i = 0; i < value.Count; i++)
            {
                BinaryPrimitives.WriteDoubleLittleEndian(bytes[(i * BytesPerPoint)..], value[i].X);
                BinaryPrimitives.WriteDoubleLittleEndian(bytes[((i * BytesPerPoint) + sizeof(double))..], value[i].Y);
            }

            writer.WriteBase64StringValue(bytes);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static PagePoint[] Decode(ref Utf8JsonReader reader)
    {
        // The common case (a string from the database: unescaped, in one segment) decodes straight from the reader's
        // buffer into a pooled one; anything else goes through the reader's own decoding, which unescapes.
        if (reader.HasValueSequence || reader.ValueIsEscaped)
        {
            if (!reader.TryGetBytesFromBase64(out var decoded))
            {
                throw new JsonException("Stored ink points are not valid base64.");
            }

            return Points(decoded);
        }

        var text = reader.ValueSpan;
        var buffer = ArrayPool<byte>.Shared.Rent(Base64.GetMaxDecodedFromUtf8Length(text.Length));
        try
        {
            if (Base64.DecodeFromUtf8(text, buffer, out _, out var written) != OperationStatus.Done)
            {
                throw new JsonException("Stored ink points are not valid base64.");
            }

            return Points(buffer.AsSpan(0, written));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static PagePoint[] Points(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length % BytesPerPoint != 0)
        {
            throw new JsonException(
                $"Stored ink points decode to {bytes.Length} bytes, not a whole number of points ({BytesPerPoint} bytes each: X then Y, little-endian doubles).");
        }

        var points = new PagePoint[bytes.Length / BytesPerPoint];
        for (var i = 0; i < points.Length; i++)
        {
            var point = bytes.Slice(i * BytesPerPoint, BytesPerPoint);
            points[i] = new PagePoint(BinaryPrimitives.ReadDoubleLittleEndian(point), BinaryPrimitives.ReadDoubleLittleEndian(point[sizeof(double)..]));
        }

        return points;
    }

    private static List<PagePoint> ReadReadable(ref Utf8JsonReader reader, JsonSerializerOptions options)
    {
        var points = new List<PagePoint>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            points.Add(Readable.Read(ref reader, typeof(PagePoint), options));
        }

        return points;
    }
}
