namespace Actors.Contracts.Errors;

/// <summary>
/// A request was refused because of what it asked, not because something failed: sending it again unchanged
/// fails the same way. Nothing was written. The subclasses map one to one onto gRPC status codes.
/// </summary>
[GenerateSerializer, Alias("Actors.DomainException")]
public abstract class DomainException : Exception
{
    /// <summary>Creates the exception.</summary>
    protected DomainException(string message)
        : base(message)
    {
    }
}
