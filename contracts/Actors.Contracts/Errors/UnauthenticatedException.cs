namespace Actors.Contracts.Errors;

/// <summary>
/// A grain call carried no token a silo accepts for it (none, a forged or expired one, a user's token on a method only
/// grains may call): gRPC UNAUTHENTICATED. Not a <see cref="DomainException"/>: it says nothing about the request, and
/// the message stays fixed so that no verification detail reaches a caller.
/// </summary>
[GenerateSerializer, Alias("Actors.UnauthenticatedException")]
public sealed class UnauthenticatedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public UnauthenticatedException(string message)
        : base(message)
    {
    }
}
