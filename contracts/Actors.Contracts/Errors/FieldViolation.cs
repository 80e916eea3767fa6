namespace Actors.Contracts.Errors;

/// <summary>One thing wrong with a request: which field (a path such as <c>draft.title</c>) and what is wrong with it.</summary>
[GenerateSerializer, Immutable, Alias("Actors.FieldViolation")]
public sealed record FieldViolation([property: Id(0)] string Field, [property: Id(1)] string Problem)
{
    /// <inheritdoc />
    public override string ToString() => $"{Field}: {Problem}";
}
