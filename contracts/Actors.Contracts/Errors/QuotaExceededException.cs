namespace Actors.Contracts.Errors;

/// <summary>The request would take something past one of the <see cref="DomainLimits"/> (gRPC RESOURCE_EXHAUSTED).</summary>
[GenerateSerializer, Alias("Actors.QuotaExceededException")]
public sealed class QuotaExceededException : DomainException
{
    /// <summary>Creates the exception for a limit on a count.</summary>
    public QuotaExceededException(string what, int limit)
        : base($"{what}: the limit is {limit}.")
    {
        Limit = limit;
    }

    /// <summary>Creates the exception for a limit in <paramref name="unit"/> (e.g. "bytes"), which the message names.</summary>
    public QuotaExceededException(string what, int limit, string unit)
        : base(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{what}: the limit is {limit:N0} {unit}."))
    {
        Limit = limit;
    }

    /// <summary>The limit that was reached.</summary>
    [Id(0)]
    public int Limit { get; }
}
