using Actors.Contracts;
using Actors.Contracts.Documents;
using Actors.Contracts.Errors;

namespace Actors.Gateway.Mapping;

/// <summary>
/// The grains a request addresses. A request names school-local ids; the grain key is always the caller's school
/// plus that id (<see cref="GrainKeys.For"/>), so no request can reach another school's grain. Ids are checked
/// before any grain is activated for them: an empty, oversized or garbled id is refused here (INVALID_ARGUMENT)
/// instead of activating a grain under that key.
/// </summary>
internal static class ResourceIds
{
    /// <summary>A well-formed id (the one id rule), or a <see cref="ValidationException"/> on <paramref name="field"/>.</summary>
    public static string Require(string value, string field)
        => GrainKeys.IsValidId(value) ? value : throw Invalid(value, field);

    /// <summary>The key of the caller's school's grain <paramref name="id"/>.</summary>
    public static string Key(Caller caller, string id, string field) => GrainKeys.For(caller.SchoolId, Require(id, field));

    /// <summary>
    /// The key of the caller's school's document <paramref name="id"/>: an id, or a student's copy of an assigned
    /// document (three ids joined by <c>~</c>, see <see cref="DocumentCopyId"/>).
    /// </summary>
    public static string DocumentKey(Caller caller, string id, string field)
        => DocumentCopyId.IsDocumentId(id) ? GrainKeys.For(caller.SchoolId, id) : throw Invalid(id, field);

    /// <summary>
    /// A client-generated request id that makes a retry safe: null when absent (empty), otherwise an id by the one id
    /// rule (a UUID is one). Checked again by the grain.
    /// </summary>
    public static string? OptionalRequestId(string value, string field)
        => value.Length == 0 ? null
            : GrainKeys.IsValidId(value) ? value
            : throw new ValidationException(field, $"must be {GrainKeys.IdRule} (a UUID, say), or absent.");

    private static ValidationException Invalid(string value, string field)
        => new(field, value.Length == 0 ? "is required." : $"must be {GrainKeys.IdRule}.");
}
