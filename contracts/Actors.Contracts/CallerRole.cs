using System.Text.Json.Serialization;

namespace Actors.Contracts;

/// <summary>
/// What a caller is to their school; grains decide from it (with the school and user id) what the caller may do.
/// Stored by name where state keeps it (a document's owner, an annotation's author).
/// </summary>
[GenerateSerializer, Alias("Actors.CallerRole")]
[JsonConverter(typeof(JsonStringEnumConverter<CallerRole>))]
public enum CallerRole
{
    /// <summary>A student: acts on their own profile, goals and documents; reads the classes they belong to.</summary>
    Student = 0,

    /// <summary>A teacher: runs classes, hands out documents, reads what students of their classes share with them.</summary>
    Teacher = 1,

    /// <summary>A school administrator: everything inside their own school (rostering included), nothing outside it.</summary>
    SchoolAdmin = 2,

    /// <summary>A platform operator: health, metrics, dashboard. No student content through the API: every data method refuses it.</summary>
    Operator = 3,
}
