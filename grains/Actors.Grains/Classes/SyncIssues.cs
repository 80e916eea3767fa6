using Actors.Contracts.Classes;
using Actors.Contracts.Errors;

namespace Actors.Grains.Classes;

/// <summary>How a failed step of a class's reconciliation is described in its state (<see cref="SyncIssue"/>).</summary>
internal static class SyncIssues
{
    /// <summary>What a teacher is told when a step failed for a reason of the service's own: no internals, and that it is retried.</summary>
    public const string FailedReason = "The step failed for a reason of the service's own (storage or a server was unavailable); it is retried in the background.";

    /// <summary>
    /// The issue <paramref name="error"/> makes: a domain refusal keeps its message (it is written for the caller);
    /// anything else says only that the service failed. The same issue as <paramref name="previous"/> returns
    /// <paramref name="previous"/> itself, so a step that keeps failing the same way changes (and writes) nothing.
    /// </summary>
    public static SyncIssue Describe(Exception error, SyncIssue? previous, DateTimeOffset now)
    {
        var refused = error is DomainException;
        var reason = refused ? error.Message : FailedReason;
        return previous is not null && previous.Refused == refused && previous.Reason == reason
            ? previous
            : new SyncIssue { Reason = reason, Refused = refused, Since = now };
    }
}
