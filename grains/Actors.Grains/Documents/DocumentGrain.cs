using System.Runtime.CompilerServices;
using Actors.Contracts;
using Actors.Contracts.Documents;
using Actors.Contracts.Errors;
using Actors.Contracts.Internal;
using Actors.Grains.Hosting;
using Actors.Grains.Persistence;
using Actors.Grains.Tenancy;
using Actors.Grains.Validation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Runtime;

namespace Actors.Grains.Documents;

/// <summary>
/// A document (key <c>{schoolId}/{documentId}</c>) and its annotations. Who may do what is <see cref="DocumentAccess"/>.
/// <para>
/// <b>Reentrant, deliberately.</b> Many people annotate one document at once. A non-reentrant grain would run
/// their calls one after another, each awaiting its own storage write: N annotations, N serial writes. Marked
/// <see cref="ReentrantAttribute"/>, the grain accepts new calls while a write is awaited; they queue in the
/// <see cref="GroupCommit{TState, TEvent}"/> and go out together in the next write. Interleaving is safe because no
/// method touches state across an await: every change is a pure function applied by the group commit's single
/// writer, and every read takes <see cref="GroupCommit{TState, TEvent}.Committed"/> in one synchronous step. The
/// awaits left in a call — a class asked about a member the document does not remember, the wait for the caller's
/// write — hold no state.
/// </para>
/// <para>
/// <b>One grain on the hot path.</b> Whether a class member may annotate is the class's to say, but the document
/// remembers the answer (<see cref="ClassAccessCache"/>), so an annotation by someone it has seen before calls no
/// other grain. The class tells the document when its roster changes; the document's own sharing changes are its
/// own; a lost signal is bounded by <see cref="DocumentGrainOptions.AccessRecheckInterval"/>.
/// </para>
/// </summary>
[Reentrant]
[GrainType("document")]
public sealed partial class DocumentGrain(
    [PersistentState("document", "actors")] IPersistentState<DocumentState> storage,
    IOptions<DocumentGrainOptions> options,
    TimeProvider time,
    ILogger<DocumentGrain> logger) : Grain, IDocumentGrain, IDocumentCopyTarget, IDocumentAccessSignals, IDocumentRecords, IDeactivationListener
{
    private GroupCommit<DocumentState, AnnotationEvent> _commits = null!;
    private AnnotationEventLog _events = null!;
    private ClassAccessCache _classAccess = null!;
    private SchoolScopedKey? _key;

    /// <summary>The document's school and id.</summary>
    private SchoolScopedKey Key => _key ??= GrainKeys.ParseOrNone(this.GetPrimaryKeyString());

    private string DocumentId => Key.Id;

    private DateTimeOffset Now => time.GetUtcNow();

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        storage.State = DocumentStateMigration.Upgrade(storage.State, storage.RecordExists);
        _events = new AnnotationEventLog(options.Value.EventLogCapacity, storage.State.LastSequence);
        _commits = new GroupCommit<DocumentState, AnnotationEvent>(storage, options.Value.MaxChangesPerWrite, _events.Append, OnWriteFailed);
        _classAccess = new ClassAccessCache(time, options.Value.AccessRecheckInterval);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Ends the open watches as soon as deactivation begins. Each watch is a long-polling request, and Orleans starts
    /// <see cref="OnDeactivateAsync"/> only once no request runs: left open, a watch would hold the deactivation until
    /// its poll timed out (half the response timeout, 15 s by default). Watchers resume on the next activation.
    /// </summary>
    void IDeactivationListener.OnDeactivating() => _events?.Close();

    /// <inheritdoc />
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await _commits.WhenIdle.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
        _events.Close(); // also here: without the deactivation notice (a silo not set up with AddActorsGrains)
    }

    public async Task<DocumentInfo> Create(Caller caller, DocumentDraft draft, CancellationToken cancellationToken)
    {
        SchoolBoundary.Enter(caller, Key, "document");
        Validator.NotNull(draft, "draft");
        new Validator()
            .Id("documentId", DocumentId)
            .Text("draft.title", draft.Title, DomainLimits.ShortTextLength)
            .Range("draft.pageCount", draft.PageCount, 1, DomainLimits.PagesPerDocument)
            .Text("draft.contentRef", draft.ContentRef, DomainLimits.ContentRefLength)
            .ThrowIfInvalid();
        cancellationToken.ThrowIfCancellationRequested();
        await LinkAuthorAsync(caller);
        return await _commits.Submit((state, _) => DocumentChanges.Create(state, Key, caller, draft, Now));
    }

    public async Task<DocumentInfo> InitializeCopy(Caller caller, DocumentCopySpec spec)
    {
        SchoolBoundary.Enter(caller, Key, "document");
        if (caller.Role == CallerRole.Student)
        {
            throw new AccessDeniedException($"{caller} may not make copies of assigned documents.");
        }

        Validator.NotNull(spec, "spec");
        Validator.NotNull(spec.Origin, "spec.origin");
        Validator.NotNull(spec.Source, "spec.source");
        new Validator()
            .Id("spec.origin.originalDocumentId", spec.Origin.OriginalDocumentId)
            .Id("spec.origin.classId", spec.Origin.ClassId)
            .Id("spec.origin.assignmentId", spec.Origin.AssignmentId)
            .Id("spec.studentId", spec.StudentId)
            .Id("spec.teacherId", spec.TeacherId)
            .When(DocumentId != DocumentCopyId.For(spec.Origin.ClassId, spec.Origin.AssignmentId, spec.StudentId), "spec", $"does not describe document '{DocumentId}': a copy's id is derived from its class, assignment and student.")
            .Text("spec.source.title", spec.Source.Title, DomainLimits.ShortTextLength)
            .Range("spec.source.pageCount", spec.Source.PageCount, 1, DomainLimits.PagesPerDocument)
            .Text("spec.source.contentRef", spec.Source.ContentRef, DomainLimits.ContentRefLength)
            .ThrowIfInvalid();
        await LinkStudentAsync(spec.StudentId);
        return await _commits.Submit((state, _) => DocumentChanges.InitializeCopy(state, Key, spec, Now));
    }

    public async Task<DocumentInfo> GetInfo(Caller caller, CancellationToken cancellationToken)
        => DocumentChanges.Info(Key, await RequireReaderAsync(caller, "read"));

    public async Task<DocumentInfo> ShareWithReader(Caller caller, string userId, CancellationToken cancellationToken)
    {
        // The named reader may be a student: their index learns of the document first (checked by the manager rule first).
        RequireSharingManager(caller, "userId", userId);
        await LinkStudentAsync(userId);
        return await ChangeSharingAsync(caller, "userId", userId, (state, c) => DocumentChanges.SetReader(state, Key, c, userId, allowed: true), cancellationToken);
    }

    public Task<DocumentInfo> RevokeReader(Caller caller, string userId, CancellationToken cancellationToken)
        => ChangeSharingAsync(caller, "userId", userId, (state, c) => DocumentChanges.SetReader(state, Key, c, userId, allowed: false), cancellationToken);

    public async Task<DocumentInfo> ShareWithClass(Caller caller, string classId, CancellationToken cancellationToken)
    {
        RequireSharingManager(caller, "classId", classId);

        // The class learns of the document first (and must exist), so it can tell the document of every roster
        // change from the moment the share is durable. A link left by a failed share only costs a needless signal.
        await ClassLinks(classId).AttachDocument(DocumentId);
        return await ChangeSharingAsync(caller, "classId", classId, (state, c) => DocumentChanges.SetClass(state, Key, c, classId, allowed: true), cancellationToken);
    }

    public async Task<DocumentInfo> UnshareClass(Caller caller, string classId, CancellationToken cancellationToken)
    {
        var info = await ChangeSharingAsync(caller, "classId", classId, (state, c) => DocumentChanges.SetClass(state, Key, c, classId, allowed: false), cancellationToken);
        await ClassLinks(classId).DetachDocument(DocumentId);
        return info;
    }

    public async Task<Annotation> AddAnnotation(Caller caller, AnnotationDraft draft, CancellationToken cancellationToken)
    {
        var state = await RequireReaderAsync(caller, "annotate");
        AnnotationRules.ValidateDraft(draft, state.PageCount);
        cancellationToken.ThrowIfCancellationRequested();
        await LinkAuthorAsync(caller);
        return await _commits.Submit((current, events) => DocumentChanges.AddAnnotation(current, events, Key, caller, draft, Now));
    }

    public async Task<Annotation> EditAnnotation(Caller caller, string annotationId, AnnotationBody body, int? page, string? requestId, CancellationToken cancellationToken)
    {
        var state = await RequireReaderAsync(caller, "edit annotations of");
        AnnotationRules.ValidateEdit(annotationId, body, page, requestId, state.PageCount);
        cancellationToken.ThrowIfCancellationRequested();
        return await _commits.Submit((current, events) => DocumentChanges.EditAnnotation(current, events, Key, caller, annotationId, body, page, requestId, Now));
    }

    public async Task DeleteAnnotation(Caller caller, string annotationId, CancellationToken cancellationToken)
    {
        await RequireReaderAsync(caller, "delete annotations of");
        new Validator().Id("annotationId", annotationId).ThrowIfInvalid();
        cancellationToken.ThrowIfCancellationRequested();
        await _commits.Submit((current, events) => DocumentChanges.DeleteAnnotation(current, events, Key, caller, annotationId, Now));
    }

    public async Task<AnnotationSnapshot> GetAnnotations(Caller caller, CancellationToken cancellationToken)
        => DocumentChanges.Snapshot(Key, await RequireReaderAsync(caller, "read"));

    /// <summary>
    /// Served through Orleans' <see cref="IAsyncEnumerable{T}"/> grain calls: the client pulls batches with
    /// long-polling calls that interleave with everything else, so order is the order of this loop and a slow
    /// watcher holds nothing but its position. Access is checked when the watch starts, whenever what the document
    /// knows of access changes (its sharing, a class's roster), and at least every
    /// <see cref="DocumentGrainOptions.AccessRecheckInterval"/> (asking the class afresh); a watcher who lost access
    /// gets <see cref="AccessDeniedException"/> from the next read of the stream.
    /// </summary>
    public async IAsyncEnumerable<AnnotationEvent> WatchAnnotations(Caller caller, long afterSequence, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await RequireReaderAsync(caller, "watch");
        var checkedVersion = _classAccess.Version;
        var recheckAt = Now + _classAccess.TrustFor;
        var position = afterSequence;
        var batch = new List<AnnotationEvent>();
        while (!cancellationToken.IsCancellationRequested && !_events.IsClosed)
        {
            if (_classAccess.Version != checkedVersion || Now >= recheckAt)
            {
                var periodic = _classAccess.Version == checkedVersion;
                checkedVersion = _classAccess.Version;
                await RequireReaderAsync(caller, "watch", askClassesAfresh: periodic);
                recheckAt = Now + _classAccess.TrustFor;
            }

            // Taken before reading: an append (or an access change) between the read and the wait still wakes this watcher.
            var appended = _events.Appended;
            var accessChanged = _classAccess.Changed;
            batch.Clear();
            if (position < 0 || !_events.TryCopyAfter(position, batch))
            {
                var snapshot = DocumentChanges.Snapshot(Key, _commits.Committed);
                position = snapshot.Sequence;
                yield return new AnnotationEvent(snapshot.Sequence, AnnotationEventKind.Snapshot, null, null, null, Now, snapshot.Annotations);
                continue;
            }

            foreach (var e in batch)
            {
                position = e.Sequence;
                yield return e;
            }

            if (batch.Count == 0)
            {
                await WaitAsync(appended, accessChanged, recheckAt - Now, cancellationToken);
            }
        }
    }

    /// <inheritdoc />
    public Task ClassMembershipChanged(string classId)
    {
        _classAccess.Forget(classId);
        return Task.CompletedTask;
    }

    private async Task<DocumentInfo> ChangeSharingAsync(
        Caller caller, string field, string id, Func<DocumentState, Caller, Outcome<DocumentState, DocumentInfo>> change, CancellationToken cancellationToken)
    {
        RequireSharingManager(caller, field, id);

        // A caller who has given up (deadline, disconnect) gets no change queued; a queued change is written regardless.
        cancellationToken.ThrowIfCancellationRequested();
        var info = await _commits.Submit((state, _) => change(state, caller));

        // Durable now: forget what no longer holds, and have every watcher re-check.
        _classAccess.Keep(_commits.Committed.ClassIds);
        return info;
    }

    /// <summary>Sharing is changed by the document's managers; checked before anything is asked of a class.</summary>
    private void RequireSharingManager(Caller caller, string field, string id)
    {
        var state = _commits.Committed;
        DocumentAccess.Enter(state, Key, caller);
        new Validator().Id(field, id).ThrowIfInvalid();
        DocumentAccess.RequireManager(state, Key, caller, field == "classId" ? "change the classes of" : "change who may read");
    }

    /// <summary>
    /// Checks that the caller may read the document and returns the committed state the check was made on. The
    /// owner, named readers and school administrators are known here; a class's teacher and members are what the
    /// class said, remembered by <see cref="ClassAccessCache"/> — or asked of the class when not remembered, or
    /// when <paramref name="askClassesAfresh"/> (a watch's periodic re-check).
    /// </summary>
    private async Task<DocumentState> RequireReaderAsync(Caller caller, string action, bool askClassesAfresh = false)
    {
        var state = _commits.Committed;
        DocumentAccess.Enter(state, Key, caller);
        if (DocumentAccess.ReadsDirectly(state, Key, caller))
        {
            return state;
        }

        foreach (var classId in state.ClassIds)
        {
            if (!askClassesAfresh && _classAccess.IsGranted(classId, caller))
            {
                return state;
            }
        }

        foreach (var classId in state.ClassIds)
        {
            if (await GrainFactory.GetGrain<IClassMembershipSource>(Key.Sibling(classId)).GrantsAccess(caller))
            {
                _classAccess.Grant(classId, caller);
                return _commits.Committed;
            }
        }

        throw DocumentAccess.Denied(Key, caller, action);
    }

    /// <summary>Waits for an append, an access change, the next access re-check, or cancellation — whichever comes first.</summary>
    private async Task WaitAsync(Task appended, Task accessChanged, TimeSpan untilRecheck, CancellationToken cancellationToken)
    {
        if (untilRecheck <= TimeSpan.Zero)
        {
            return;
        }

        using var stopDelay = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await Task.WhenAny(appended, accessChanged, Task.Delay(untilRecheck, time, stopDelay.Token));
        stopDelay.Cancel();
    }

    private IClassDocumentLinks ClassLinks(string classId) => GrainFactory.GetGrain<IClassDocumentLinks>(Key.Sibling(classId));

    private void OnWriteFailed(Exception exception, int changes) => LogWriteFailed(exception, DocumentId, changes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Document {DocumentId}: a write carrying {Changes} changes failed; those callers get the error and nothing of it is kept")]
    private partial void LogWriteFailed(Exception exception, string documentId, int changes);
}
