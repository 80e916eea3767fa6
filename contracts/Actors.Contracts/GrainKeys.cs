using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Actors.Contracts;

/// <summary>
/// The one id rule, and the keys of school-scoped grains built from it. A school is the unit of isolation: every
/// student, class and document grain is keyed <c>{schoolId}/{id}</c>, so no call can reach another school's grain by
/// naming an id. The gateway builds keys from the caller's school and a request's school-local id; grains parse
/// their own key to know their school. Nothing else concatenates or splits keys.
/// </summary>
public static partial class GrainKeys
{
    /// <summary>Separates the school from the school-local id in a key. Never part of an id, so parsing is unambiguous.</summary>
    public const char Separator = '/';

    /// <summary>The id rule in words, for error messages.</summary>
    public const string IdRule = "1 to 128 letters, digits or . _ - @ |, starting with a letter or digit";

    /// <summary>
    /// True for a well-formed id of anything (school, user, class, document, goal, annotation...): 1 to
    /// <see cref="DomainLimits.IdLength"/> of letters, digits and <c>. _ - @ |</c>, starting with a letter or digit.
    /// Matched to the very end (<c>\z</c>): <c>$</c> would also match before a trailing newline.
    /// </summary>
    public static bool IsValidId([NotNullWhen(true)] string? id) => id is not null && IdPattern().IsMatch(id);

    /// <summary>The key of the school-scoped grain <paramref name="id"/> of school <paramref name="schoolId"/>.</summary>
    /// <exception cref="ArgumentException">The school id breaks the id rule, or the local id is empty or contains <see cref="Separator"/>.</exception>
    public static string For(string schoolId, string id)
    {
        if (!IsValidId(schoolId))
        {
            throw new ArgumentException($"A school id must be {IdRule}.", nameof(schoolId));
        }

        if (string.IsNullOrEmpty(id) || id.Contains(Separator, StringComparison.Ordinal))
        {
            throw new ArgumentException($"A school-local id must not be empty or contain '{Separator}'.", nameof(id));
        }

        return string.Concat(schoolId, Separator.ToString(), id);
    }

    /// <summary>
    /// Splits a key made by <see cref="For"/>. False for anything else (no separator, a malformed school, an empty
    /// id): a grain under such a key belongs to no school, and answers every caller as if it did not exist.
    /// </summary>
    public static bool TryParse(string? key, out SchoolScopedKey parsed)
    {
        var separator = key?.IndexOf(Separator, StringComparison.Ordinal) ?? -1;
        if (separator > 0 && separator < key!.Length - 1 && IsValidId(key[..separator]) && key.IndexOf(Separator, separator + 1) < 0)
        {
            parsed = new SchoolScopedKey(key[..separator], key[(separator + 1)..]);
            return true;
        }

        parsed = default;
        return false;
    }

    /// <summary>
    /// The key of the grain a school-scoped grain is called under: its school and local id, or — for a key that does
    /// not parse — no school (an empty <see cref="SchoolScopedKey.SchoolId"/>, which no caller has) and the whole key.
    /// </summary>
    public static SchoolScopedKey ParseOrNone(string key) => TryParse(key, out var parsed) ? parsed : new SchoolScopedKey("", key);

    [GeneratedRegex(@"\A[A-Za-z0-9][A-Za-z0-9._@|-]{0,127}\z", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}

/// <summary>A school-scoped grain's key, parsed: its school and its id within the school.</summary>
public readonly record struct SchoolScopedKey(string SchoolId, string Id)
{
    /// <summary>True when the key named a school (see <see cref="GrainKeys.ParseOrNone"/>).</summary>
    public bool HasSchool => SchoolId.Length > 0;

    /// <summary>The key of <paramref name="id"/> in the same school (to call a sibling grain).</summary>
    public string Sibling(string id) => GrainKeys.For(SchoolId, id);

    /// <inheritdoc />
    public override string ToString() => HasSchool ? GrainKeys.For(SchoolId, Id) : Id;
}
