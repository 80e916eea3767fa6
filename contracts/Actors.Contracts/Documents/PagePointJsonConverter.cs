using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Actors.Contracts.Documents;

/// <summary>
/// <see cref="PagePoint"/> as <c>{"x":…,"y":…}</c>, the JSON System.Text.Json writes for it by default, read and
/// written without the serializer's general path for constructor-bound records. An ink stroke holds up to
/// <see cref="DomainLimits.InkPoints"/> points and a document thousands of strokes, so activating a document
/// deserializes millions of points; the general path (arguments gathered, then the constructor called) took about
/// a third longer per document here (docs/storage.md, "Activation").
/// </summary>
public sealed class PagePointJsonConverter : JsonConverter<PagePoint>
{
    private static readonly JsonEncodedText DeclaredX = JsonEncodedText.Encode("X");
    private static readonly JsonEncodedText DeclaredY = JsonEncodedText.Encode("Y");
    private static readonly JsonEncodedText NamedX = JsonEncodedText.Encode("x");
    private static readonly JsonEncodedText NamedY = JsonEncodedText.Encode("y");

    /// <inheritdoc />
    public override PagePoint Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"A page point is a JSON object with x and y; found {reader.TokenType}.");
        }

        double x = 0, y = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isX = reader.ValueTextEquals("x"u8) || reader.ValueTextEquals("X"u8);
            var isY = !isX && (reader.ValueTextEquals("y"u8) || reader.ValueTextEquals("Y"u8));
            reader.Read();
            if (isX)
            {
                x = Number(ref reader);
            }
            else if (isY)
            {
                y = Number(ref reader);
            }
            else
            {
                reader.Skip(); // a member a later version may add
            }
        }

        return new PagePoint(x, y);
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, PagePoint value, JsonSerializerOptions options)
    {
        // The names the default serializer would write: as declared without a naming policy, else the policy's
        // (every policy of System.Text.Json turns a one-letter name into its lower case).
        var declared = options.PropertyNamingPolicy is null;
        writer.WriteStartObject();
        writer.WriteNumber(declared ? DeclaredX : NamedX, value.X);
        writer.WriteNumber(declared ? DeclaredY : NamedY, value.Y);
        writer.WriteEndObject();
    }

    // Numbers may come quoted where the options allow it (the Web defaults do).
    private static double Number(ref Utf8JsonReader reader) => reader.TokenType == JsonTokenType.String
        ? double.Parse(reader.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture)
        : reader.GetDouble();

}
