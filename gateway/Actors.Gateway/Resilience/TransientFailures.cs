using Orleans.Runtime;
using Orleans.Runtime.Messaging;

namespace Actors.Gateway.Resilience;

/// <summary>Failures that say the call did not get an answer from the cluster, not that the request was wrong.</summary>
internal static class TransientFailures
{
    /// <summary>
    /// A silo went away (the call was rejected, its silo died, the connection broke) or no answer came in time. Such a
    /// call may or may not have run: only calls whose repetition has the effect of one are retried on it.
    /// </summary>
    public static bool IsTransient(Exception exception) => exception is
        SiloUnavailableException
        or OrleansMessageRejectionException
        or ConnectionFailedException
        or TimeoutException;
}
