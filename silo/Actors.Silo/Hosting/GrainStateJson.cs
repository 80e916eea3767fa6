using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Actors.Contracts.Documents;
using Actors.Grains.Documents;
using Actors.Persistence.CockroachDb.Providers;
using Actors.Persistence.CockroachDb.Serialization;

namespace Actors.Silo.Hosting;

/// <summary>
/// The JSON grain storage writes: the provider's defaults (<see cref="JsonGrainStateSerializer.CreateDefaultOptions"/>)
/// with an ink stroke's points stored compactly (<see cref="StoredInkPointsConverter"/>). The converter is attached to
/// <see cref="InkBody.Points"/> here, in the storage's options only, not by an attribute on the contract type, so
/// that every other JSON of an ink stroke (the student record export, the web app's, a test's) stays readable.
/// </summary>
public static class GrainStateJson
{
    private static readonly StoredInkPointsConverter InkPoints = new();

    /// <summary>Options for grain state as storage keeps it.</summary>
    public static JsonSerializerOptions CreateOptions()
    {
        var options = JsonGrainStateSerializer.CreateDefaultOptions();
        options.TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { StoreInkPointsCompactly } };
        return options;
    }

    /// <summary>Grain storage writes <see cref="CreateOptions"/>' JSON (and reads both it and the readable form).</summary>
    public static CockroachGrainStorageOptions UseGrainStateJson(this CockroachGrainStorageOptions options)
    {
        options.GrainStorageSerializer = new JsonGrainStateSerializer(CreateOptions());
        return options;
    }

    private static void StoreInkPointsCompactly(JsonTypeInfo type)
    {
        if (type.Type != typeof(InkBody))
        {
            return;
        }

        foreach (var property in type.Properties)
        {
            if (property.AttributeProvider is MemberInfo { Name: nameof(InkBody.Points) })
            {
                property.CustomConverter = InkPoints;
            }
        }
    }
}
