namespace Actors.Contracts;

/// <summary>
/// Who is making a call. The gateway builds it from the authenticated token and passes it explicitly on every
/// grain call (Orleans has no ambient user identity); grains check it against what is asked.
/// </summary>
/// <param name="UserId">The authenticated user's id (for a student, the student grain's key).</param>
/// <param name="Role">The user's role.</param>
[GenerateSerializer, Immutable, Alias("Actors.Caller")]
public sealed record Caller([property: Id(0)] string UserId, [property: Id(1)] CallerRole Role)
{
    /// <summary>A student caller.</summary>
    public static Caller Student(string userId) => new(userId, CallerRole.Student);

    /// <summary>A teacher caller.</summary>
    public static Caller Teacher(string userId) => new(userId, CallerRole.Teacher);

    /// <summary>An administrator caller.</summary>
    public static Caller Admin(string userId) => new(userId, CallerRole.Admin);

    /// <summary>True for administrators.</summary>
    public bool IsAdmin => Role == CallerRole.Admin;

    /// <summary>True when the caller is the user <paramref name="userId"/>.</summary>
    public bool Is(string userId) => string.Equals(UserId, userId, StringComparison.Ordinal);

    /// <inheritdoc />
    public override string ToString() => $"{Role.ToString().ToLowerInvariant()} '{UserId}'";
}
