using Actors.Persistence.CockroachDb.Storage;

namespace Actors.Domain.Tests.Infrastructure;

/// <summary>How a storage failure reaches a grain's caller.</summary>
public static class StorageErrors
{
    /// <summary>
    /// The provider's <see cref="CockroachStorageException"/> is an <see cref="OrleansException"/>, so Orleans' state
    /// bridge passes it to the caller unwrapped, with <see cref="CockroachStorageException.IsTransient"/> intact.
    /// </summary>
    public static void AssertTransientStorageFailure(Exception? error)
    {
        var cause = Assert.IsType<CockroachStorageException>(error);
        Assert.True(cause.IsTransient);
    }
}
