namespace Actors.Contracts.Errors;

/// <summary>The request's input is invalid (gRPC INVALID_ARGUMENT); <see cref="Violations"/> lists every problem found.</summary>
[GenerateSerializer, Alias("Actors.ValidationException")]
public sealed class ValidationException : DomainException
{
    /// <summary>Creates the exception from at least one violation.</summary>
    public ValidationException(IReadOnlyList<FieldViolation> violations)
        : base("Invalid request: " + string.Join("; ", violations))
    {
        Violations = violations;
    }

    /// <summary>Creates the exception for one field.</summary>
    public ValidationException(string field, string problem)
        : this([new FieldViolation(field, problem)])
    {
    }

    /// <summary>Every problem found, in the order the fields were checked.</summary>
    [Id(0)]
    public IReadOnlyList<FieldViolation> Violations { get; }
}
