namespace Actors.Contracts;

/// <summary>
/// Who is making a call. The gateway builds it from the authenticated token (its <c>school</c>, <c>sub</c> and
/// <c>role</c> claims) and passes it on every grain call; the silo replaces it, before the grain runs, with the caller
/// of the token that travels with the call (<see cref="CallerToken"/>), so an argument alone raises no rights. Grains
/// check it against their own school (from their key, see <see cref="GrainKeys"/>) and what is asked.
/// </summary>
/// <param name="SchoolId">The caller's school: the only school whose grains answer the caller.</param>
/// <param name="UserId">The user's id within the school (for a student, the student grain's school-local id).</param>
/// <param name="Role">The user's role in the school.</param>
[GenerateSerializer, Immutable, Alias("Actors.Caller")]
public sealed record Caller([property: Id(0)] string SchoolId, [property: Id(1)] string UserId, [property: Id(2)] CallerRole Role)
{
    /// <summary>A student of <paramref name="schoolId"/>.</summary>
    public static Caller Student(string schoolId, string userId) => new(schoolId, userId, CallerRole.Student);

    /// <summary>A teacher of <paramref name="schoolId"/>.</summary>
    public static Caller Teacher(string schoolId, string userId) => new(schoolId, userId, CallerRole.Teacher);

    /// <summary>A school administrator of <paramref name="schoolId"/>.</summary>
    public static Caller SchoolAdmin(string schoolId, string userId) => new(schoolId, userId, CallerRole.SchoolAdmin);

    /// <summary>A platform operator (their token names a school too; it grants nothing there).</summary>
    public static Caller Operator(string schoolId, string userId) => new(schoolId, userId, CallerRole.Operator);

    /// <summary>True when the caller belongs to <paramref name="schoolId"/>.</summary>
    public bool IsIn(string schoolId) => string.Equals(SchoolId, schoolId, StringComparison.Ordinal);

    /// <summary>True when the caller is the user <paramref name="userId"/> of <paramref name="schoolId"/> in <paramref name="role"/>.</summary>
    public bool Is(string schoolId, string userId, CallerRole role)
        => Role == role && IsIn(schoolId) && string.Equals(UserId, userId, StringComparison.Ordinal);

    /// <summary>True for a school administrator of <paramref name="schoolId"/>.</summary>
    public bool IsSchoolAdminOf(string schoolId) => Role == CallerRole.SchoolAdmin && IsIn(schoolId);

    /// <inheritdoc />
    public override string ToString() => Role switch
    {
        CallerRole.SchoolAdmin => $"school admin '{UserId}'",
        _ => $"{Role.ToString().ToLowerInvariant()} '{UserId}'",
    };
}
