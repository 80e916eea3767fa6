using System.Text.RegularExpressions;
using Actors.Contracts;
using Actors.Contracts.Errors;

namespace Actors.Gateway.Mapping;

/// <summary>
/// The ids a request addresses grains by. Checked before any grain is activated for them: an empty, oversized or
/// garbled id is refused here (INVALID_ARGUMENT) instead of activating a grain under that key. The grains apply the
/// finer rules when something is created under an id.
/// </summary>
internal static partial class ResourceIds
{
    /// <summary>Longest id: a student's copy of an assigned document joins three ids (see <see cref="Contracts.Documents.DocumentCopyId"/>).</summary>
    private const int MaxLength = (3 * DomainLimits.IdLength) + 2;

    public static string Require(string value, string field)
        => IdPattern().IsMatch(value)
            ? value
            : throw new ValidationException(
                field,
                value.Length == 0 ? "is required." : $"must be 1 to {DomainLimits.IdLength} letters, digits or . _ - @ |, starting with a letter or digit.");

    /// <summary>
    /// A client-generated request id that makes a retry safe: null when absent (empty), otherwise an id by the grains'
    /// rule (a UUID is one). Checked again by the grain.
    /// </summary>
    public static string? OptionalRequestId(string value, string field)
        => value.Length == 0 ? null
            : value.Length <= DomainLimits.IdLength && IdPattern().IsMatch(value) && !value.Contains('~', StringComparison.Ordinal) ? value
            : throw new ValidationException(field, $"must be 1 to {DomainLimits.IdLength} letters, digits or . _ - @ |, starting with a letter or digit (a UUID, say), or absent.");

    // Up to MaxLength: '~' joins the parts of a copy's id; grains refuse it in ids they create.
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._@|~-]{0,385}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
