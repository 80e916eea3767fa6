using Actors.Persistence.CockroachDb.Storage;

namespace Actors.Domain.Tests.Infrastructure;

/// <summary>How a storage failure reaches a grain's caller.</summary>
public static class StorageErrors
{
    /// <summary>
    /// Orleans' state bridge wraps every storage exception that is not an <see cref="OrleansException"/> in one,
    /// so the provider's <see cref="CockroachStorageException"/> arrives as the inner exception.
    /// </summary>
    public static void AssertTransientStorageFailure(Exception? error)
    {
        var wrapper = Assert.IsType<OrleansException>(error);
        var cause = Assert.IsType<CockroachStorageException>(wrapper.InnerException);
        Assert.True(cause.IsTransient);
    }
}
