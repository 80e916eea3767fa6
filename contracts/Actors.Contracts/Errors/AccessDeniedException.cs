namespace Actors.Contracts.Errors;

/// <summary>The caller may not do what was asked (gRPC PERMISSION_DENIED); the message says who and what.</summary>
[GenerateSerializer, Alias("Actors.AccessDeniedException")]
public sealed class AccessDeniedException : DomainException
{
    /// <summary>Creates the exception.</summary>
    public AccessDeniedException(string message)
        : base(message)
    {
    }
}
