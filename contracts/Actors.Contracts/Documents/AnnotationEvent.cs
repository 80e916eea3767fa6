namespace Actors.Contracts.Documents;

/// <summary>What an <see cref="AnnotationEvent"/> reports.</summary>
[GenerateSerializer, Alias("Actors.AnnotationEventKind")]
public enum AnnotationEventKind
{
    /// <summary>
    /// The whole set of annotations as of <see cref="AnnotationEvent.Sequence"/>: sent first when the watcher had
    /// nothing yet, or asked to resume from a sequence number the document no longer holds the changes after.
    /// Replace what you have with it.
    /// </summary>
    Snapshot = 0,

    /// <summary>An annotation was added.</summary>
    Added = 1,

    /// <summary>An annotation was edited; <see cref="AnnotationEvent.Annotation"/> is the new version.</summary>
    Edited = 2,

    /// <summary>An annotation was deleted.</summary>
    Deleted = 3,
}

/// <summary>
/// One durable change to a document's annotations. Sequence numbers count the document's changes: each event's
/// is one more than the one before it (a snapshot restarts the count at its own), so a watcher can tell a gap.
/// </summary>
[GenerateSerializer, Immutable, Alias("Actors.AnnotationEvent")]
public sealed record AnnotationEvent(
    [property: Id(0)] long Sequence,
    [property: Id(1)] AnnotationEventKind Kind,
    [property: Id(2)] string? AnnotationId,
    [property: Id(3)] Annotation? Annotation,
    [property: Id(4)] string? ActorId,
    [property: Id(5)] DateTimeOffset At,
    [property: Id(6)] IReadOnlyList<Annotation>? Snapshot = null);
