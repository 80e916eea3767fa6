using System.Text.Json;
using System.Text.Json.Serialization;
using Actors.Contracts.Students;

namespace Actors.Gateway.Mapping;

/// <summary>
/// A student's records export as one JSON document: camelCase, indented, enums by name, annotation bodies with their
/// <c>kind</c> — the same shape as the stored state, so what the school hands over is what the platform keeps. One
/// exception: an ink stroke's points, which storage keeps as one base64 string of doubles (docs/storage.md, "Ink
/// points"), are written here as the readable <c>[{"x":…,"y":…}]</c> (these options do not have storage's converter).
/// </summary>
internal static class StudentRecordsJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Write(StudentRecordExport export) => JsonSerializer.Serialize(export, Options);
}
