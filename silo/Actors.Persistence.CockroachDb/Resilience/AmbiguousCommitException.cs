namespace Actors.Persistence.CockroachDb.Resilience;

/// <summary>
/// Raised inside a write attempt when COMMIT was sent but its outcome never came back. The retry that
/// follows must first find out whether the write applied (see <c>docs/storage.md</c>, "Ambiguous commits").
/// </summary>
internal sealed class AmbiguousCommitException(Exception cause)
    : Exception("The outcome of COMMIT is unknown: " + cause.Message, cause);
