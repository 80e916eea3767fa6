namespace Actors.Contracts.Students;

/// <summary>A student's profile: what a resume is headed with.</summary>
[GenerateSerializer, Immutable, Alias("Actors.StudentProfile")]
public sealed record StudentProfile
{
    /// <summary>Display name.</summary>
    [Id(0)]
    public string Name { get; init; } = "";

    /// <summary>The school's name.</summary>
    [Id(1)]
    public string School { get; init; } = "";

    /// <summary>School year level, <see cref="DomainLimits.MinYearLevel"/> to <see cref="DomainLimits.MaxYearLevel"/>.</summary>
    [Id(2)]
    public int YearLevel { get; init; }
}
