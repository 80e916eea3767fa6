using System.Text.Json;
using System.Text.Json.Serialization;
using Actors.Contracts.Students;

namespace Actors.Gateway.Mapping;

/// <summary>
/// A student's records export as one JSON document: camelCase, indented, enums by name, annotation bodies with their
/// <c>kind</c> — the same shape as the stored state, so what the school hands over is what the platform keeps.
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
