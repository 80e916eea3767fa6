namespace Actors.Contracts.Errors;

/// <summary>
/// The request is well formed but conflicts with the current state (gRPC FAILED_PRECONDITION): completing an
/// archived goal, reusing an id for different content, returning work that was never submitted.
/// </summary>
[GenerateSerializer, Alias("Actors.ConflictException")]
public sealed class ConflictException : DomainException
{
    /// <summary>Creates the exception.</summary>
    public ConflictException(string message)
        : base(message)
    {
    }
}
