using System.Text.Json;
using System.Text.Json.Serialization;

namespace Actors.Contracts.Collections;

/// <summary>
/// The JSON of a <see cref="TrackedDictionary{TValue}"/>: an object keyed by the keys as they are (no naming policy
/// applies to them), the same JSON an <c>ImmutableDictionary&lt;string, T&gt;</c> has, so rows written before the
/// collections were tracked read as they are.
/// </summary>
public sealed class TrackedDictionaryJsonConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert)
        => typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(TrackedDictionary<>);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options)
        => (JsonConverter)Activator.CreateInstance(typeof(TrackedDictionaryJsonConverter<>).MakeGenericType(typeToConvert.GetGenericArguments()[0]))!;
}

/// <summary>The JSON of a <see cref="TrackedDictionary{TValue}"/> of <typeparamref name="TValue"/> (see <see cref="TrackedDictionaryJsonConverterFactory"/>).</summary>
public class TrackedDictionaryJsonConverter<TValue> : JsonConverter<TrackedDictionary<TValue>>
{
    public override TrackedDictionary<TValue> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"Expected an object of {typeof(TValue).Name} items, found {reader.TokenType}.");
        }

        var items = new List<KeyValuePair<string, TValue>>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var key = reader.GetString()!;
            reader.Read();
            items.Add(new(key, ReadValue(ref reader, options)));
        }

        return TrackedDictionary<TValue>.From(items);
    }

    public override void Write(Utf8JsonWriter writer, TrackedDictionary<TValue> value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (key, item) in value)
        {
            writer.WritePropertyName(key);
            JsonSerializer.Serialize(writer, item, options);
        }

        writer.WriteEndObject();
    }

    /// <summary>One item's value (the reader on its first token).</summary>
    protected virtual TValue ReadValue(ref Utf8JsonReader reader, JsonSerializerOptions options)
        => JsonSerializer.Deserialize<TValue>(ref reader, options) ?? throw new JsonException($"A {typeof(TValue).Name} item is JSON null.");
}
