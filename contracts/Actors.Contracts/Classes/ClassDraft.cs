namespace Actors.Contracts.Classes;

/// <summary>
/// What creating a class asks for. A teacher creating a class teaches it (leave <paramref name="TeacherId"/>
/// empty or give their own id); a school administrator names the teacher. The teacher must be on the school's roster.
/// </summary>
[GenerateSerializer, Immutable, Alias("Actors.ClassDraft")]
public sealed record ClassDraft([property: Id(0)] string Title, [property: Id(1)] string? TeacherId = null);
