using Orleans;
using Orleans.Runtime;

namespace Actors.Persistence.CockroachDb.Storage;

/// <summary>
/// A grain storage operation failed (after its retries, or at once when the failure is not retryable).
/// Npgsql's own exceptions cannot cross an Orleans call (no codec), so the provider logs them and throws
/// this instead, with the SQLSTATE and whether the cause was transient. It is an <see cref="OrleansException"/> so
/// that Orleans' state bridge passes it to the grain's caller as it is instead of wrapping it.
/// </summary>
[GenerateSerializer, Alias("Actors.CockroachStorageException")]
public sealed class CockroachStorageException : OrleansException
{
    /// <summary>Creates the exception.</summary>
    public CockroachStorageException(string message, bool isTransient = false, string? sqlState = null)
        : base(message)
    {
        IsTransient = isTransient;
        SqlState = sqlState;
    }

    /// <summary>
    /// The cause was retryable (database unreachable, drained, contended) and retries ran out:
    /// the same call may succeed later. A gateway maps it to UNAVAILABLE.
    /// </summary>
    [Id(0)]
    public bool IsTransient { get; }

    /// <summary>The SQLSTATE of the last database error, if the database sent one.</summary>
    [Id(1)]
    public string? SqlState { get; }
}
