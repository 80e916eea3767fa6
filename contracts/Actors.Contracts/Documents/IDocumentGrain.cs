namespace Actors.Contracts.Documents;

/// <summary>
/// A document (key: <c>{schoolId}/{documentId}</c>, see <see cref="GrainKeys"/>): metadata with a reference to content
/// stored elsewhere, sharing, and annotations that many people add at once. Readers are the owner, named readers
/// of the school, the teacher and active students of classes it is shared with, and the school's administrators;
/// every reader may annotate; an annotation's author and the document's owner may edit or delete it; the owner
/// (or a school administrator) manages sharing. Callers of another school are answered as if it did not exist.
/// <para>
/// Changes are written in groups: those that arrive while a write is in flight go into the next write, and a
/// call returns only once the write holding its change is durable. Every durable change gets the next sequence
/// number and is sent, in that order, to the document's watchers.
/// </para>
/// </summary>
[Alias("Actors.IDocumentGrain")]
public interface IDocumentGrain : IGrainWithStringKey
{
    /// <summary>Creates the document, owned by the caller. Repeating it with the same draft returns it; anything else is a conflict.</summary>
    [Alias("Create")]
    Task<DocumentInfo> Create(Caller caller, DocumentDraft draft, CancellationToken cancellationToken = default);

    /// <summary>The metadata and sharing; <see cref="Errors.NotFoundException"/> if the document was never created.</summary>
    [Alias("GetInfo")]
    Task<DocumentInfo> GetInfo(Caller caller, CancellationToken cancellationToken = default);

    /// <summary>Lets a user read (and annotate) the document. Owner or school administrator; idempotent.</summary>
    [Alias("ShareWithReader")]
    Task<DocumentInfo> ShareWithReader(Caller caller, string userId, CancellationToken cancellationToken = default);

    /// <summary>Withdraws a reader's access. Owner or school administrator; idempotent.</summary>
    [Alias("RevokeReader")]
    Task<DocumentInfo> RevokeReader(Caller caller, string userId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Lets the teacher and the students of a class of the same school read (and annotate) the document; the class
    /// must exist. Owner or school administrator; idempotent.
    /// </summary>
    [Alias("ShareWithClass")]
    Task<DocumentInfo> ShareWithClass(Caller caller, string classId, CancellationToken cancellationToken = default);

    /// <summary>Withdraws a class's access. Owner or school administrator; idempotent.</summary>
    [Alias("UnshareClass")]
    Task<DocumentInfo> UnshareClass(Caller caller, string classId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds an annotation and returns it once durable. An id the document has already applied (even if since
    /// deleted) is not applied again: a retry by the same author gets the annotation as stored; another author
    /// reusing the id gets a conflict.
    /// </summary>
    [Alias("AddAnnotation")]
    Task<Annotation> AddAnnotation(Caller caller, AnnotationDraft draft, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces an annotation's body (same kind) and optionally moves it to another page. Author, owner or school administrator.
    /// An edit is a new change each time it is applied, so give it a <paramref name="requestId"/> (client-generated before
    /// the first attempt, reused on every retry) to make a retry safe: an edit whose request id the caller already had
    /// applied on this document (among its last <see cref="DomainLimits.RememberedEditsPerDocument"/> edits) is not
    /// applied again, and the retry gets the annotation as it is now.
    /// </summary>
    [Alias("EditAnnotation")]
    Task<Annotation> EditAnnotation(Caller caller, string annotationId, AnnotationBody body, int? page = null, string? requestId = null, CancellationToken cancellationToken = default);

    /// <summary>Deletes an annotation. Author, owner or school administrator; deleting it again is a no-op.</summary>
    [Alias("DeleteAnnotation")]
    Task DeleteAnnotation(Caller caller, string annotationId, CancellationToken cancellationToken = default);

    /// <summary>All live annotations, in the order they were added, with the sequence number they are current as of.</summary>
    [Alias("GetAnnotations")]
    Task<AnnotationSnapshot> GetAnnotations(Caller caller, CancellationToken cancellationToken = default);

    /// <summary>
    /// The document's annotation changes from after <paramref name="afterSequence"/>, in order, then live as they
    /// become durable, until cancelled. Pass the <see cref="AnnotationSnapshot.Sequence"/> of a snapshot you hold,
    /// or the sequence of the last event you received to resume after a disconnect; pass a negative number to
    /// start with a <see cref="AnnotationEventKind.Snapshot"/>. If the document no longer holds the changes after
    /// <paramref name="afterSequence"/> (it keeps a bounded window in memory), the stream starts with a snapshot
    /// instead. <see cref="AnnotationWatch.WatchResumingAsync"/> wraps this with automatic resumption.
    /// <para>
    /// Access is checked when the watch starts, again whenever the document's sharing or the roster of a class it is
    /// shared with changes, and at least every <c>DocumentGrainOptions.AccessRecheckInterval</c>: a watcher who lost
    /// access gets an <see cref="Errors.AccessDeniedException"/> and the stream ends.
    /// </para>
    /// </summary>
    [Alias("WatchAnnotations")]
    IAsyncEnumerable<AnnotationEvent> WatchAnnotations(Caller caller, long afterSequence, CancellationToken cancellationToken = default);
}
