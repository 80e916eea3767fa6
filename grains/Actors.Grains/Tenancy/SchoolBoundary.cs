using System.Diagnostics.CodeAnalysis;
using Actors.Contracts;
using Actors.Contracts.Errors;
using Actors.Grains.Validation;

namespace Actors.Grains.Tenancy;

/// <summary>
/// The first check of every public method of a school-scoped grain: a well-formed caller of the grain's own school.
/// A caller of another school — or any caller of a grain whose key names no school — is answered with exactly
/// the <see cref="NotFoundException"/> a missing id gets, so nothing distinguishes "in another school" from "does
/// not exist". Operators are refused next (they see no school data), before anything about the grain is revealed.
/// </summary>
internal static class SchoolBoundary
{
    /// <summary>The exception a missing <paramref name="entity"/> with id <paramref name="key"/>.Id gets.</summary>
    public static NotFoundException Missing(string entity, SchoolScopedKey key) => new(entity, key.Id);

    /// <summary>Checks the caller and their school; throws as described above.</summary>
    public static void Enter([NotNull] Caller? caller, SchoolScopedKey key, string entity)
    {
        CallerRules.Validate(caller);
        if (!key.HasSchool || !caller.IsIn(key.SchoolId))
        {
            throw Missing(entity, key);
        }

        if (caller.Role == CallerRole.Operator)
        {
            throw new AccessDeniedException($"{caller} is a platform operator: operators have no access to school data.");
        }
    }
}
