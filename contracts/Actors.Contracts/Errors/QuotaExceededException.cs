namespace Actors.Contracts.Errors;

/// <summary>The request would take something past one of the <see cref="DomainLimits"/> (gRPC RESOURCE_EXHAUSTED).</summary>
[GenerateSerializer, Alias("Actors.QuotaExceededException")]
public sealed class QuotaExceededException : DomainException
{
    /// <summary>Creates the exception.</summary>
    public QuotaExceededException(string what, int limit)
        : base($"{what}: the limit is {limit}.")
    {
        Limit = limit;
    }

    /// <summary>The limit that was reached.</summary>
    [Id(0)]
    public int Limit { get; }
}
