using System.Diagnostics.CodeAnalysis;
using Actors.Contracts;
using Actors.Contracts.Errors;

namespace Actors.Grains.Validation;

/// <summary>The first check of every grain method: the gateway must say who is calling.</summary>
internal static class CallerRules
{
    /// <summary>Throws <see cref="ValidationException"/> unless <paramref name="caller"/> is present and well formed.</summary>
    public static void Validate([NotNull] Caller? caller)
    {
        Validator.NotNull(caller, "caller");
        new Validator()
            .Id("caller.schoolId", caller.SchoolId)
            .Id("caller.userId", caller.UserId)
            .Defined("caller.role", caller.Role)
            .ThrowIfInvalid();
    }
}
