using System.Text.Json;
using Orleans.Storage;

namespace Actors.Persistence.CockroachDb.Serialization;

/// <summary>
/// Grain state to JSON with System.Text.Json. Unlike Orleans' Newtonsoft default it writes no .NET type or
/// assembly names, so renaming a class does not strand stored state. Polymorphic members use
/// <c>[JsonPolymorphic]</c>/<c>[JsonDerivedType(typeof(X), "stable-name")]</c> discriminators.
/// </summary>
public sealed class JsonGrainStateSerializer : IGrainStorageSerializer
{
    /// <summary>Creates the serializer; <paramref name="options"/> defaults to <see cref="CreateDefaultOptions"/>.</summary>
    public JsonGrainStateSerializer(JsonSerializerOptions? options = null)
    {
        Options = options ?? CreateDefaultOptions();
    }

    /// <summary>The options in use.</summary>
    public JsonSerializerOptions Options { get; }

    /// <summary>
    /// camelCase names (what an operator types in <c>state-&gt;&gt;'displayName'</c>) and discriminators accepted
    /// anywhere in an object: JSONB stores keys sorted by length, so <c>$type</c> does not come back first.
    /// </summary>
    public static JsonSerializerOptions CreateDefaultOptions() => new(JsonSerializerDefaults.Web)
    {
        AllowOutOfOrderMetadataProperties = true,
        WriteIndented = false,
    };

    /// <inheritdoc />
    public BinaryData Serialize<T>(T? input) => new(JsonSerializer.SerializeToUtf8Bytes(input, Options));

    /// <inheritdoc />
    public T? Deserialize<T>(BinaryData input) => JsonSerializer.Deserialize<T>(input.ToMemory().Span, Options);
}
