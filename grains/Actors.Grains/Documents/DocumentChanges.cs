using System.Collections.Immutable;
using Actors.Contracts;
using Actors.Contracts.Collections;
using Actors.Contracts.Documents;
using Actors.Contracts.Errors;
using Actors.Contracts.Internal;
using Actors.Grains.Persistence;
using Actors.Grains.Validation;

namespace Actors.Grains.Documents;

/// <summary>
/// Every change to a document, as a pure function of the state it is applied to. They run inside the group commit
/// (<see cref="GroupCommit{TState, TEvent}"/>): the state given is the committed one plus the changes queued ahead
/// in the same write, so checks that depend on state (does the annotation exist, who wrote it) are made here,
/// against exactly what the change will be written on top of.
/// </summary>
internal static class DocumentChanges
{
    /// <summary>How many tombstones a document keeps; the oldest tenth goes when it is full.</summary>
    private const int MaxTombstones = 10_000;

    public static Outcome<DocumentState, DocumentInfo> Create(DocumentState state, SchoolScopedKey key, Caller owner, DocumentDraft draft, DateTimeOffset now)
    {
        if (state.IsCreated)
        {
            // Nothing about the existing document (title, owner) goes into the refusal.
            return DocumentAccess.IsOwner(state, key, owner) && state.Origin is null && state.Title == draft.Title && state.PageCount == draft.PageCount && state.ContentRef == draft.ContentRef
                ? new(state, Info(key, state))
                : throw new ConflictException($"Document id '{key.Id}' is already taken; choose another id.");
        }

        var created = state with { Title = draft.Title, OwnerId = owner.UserId, OwnerRole = owner.Role, PageCount = draft.PageCount, ContentRef = draft.ContentRef, CreatedAt = now };
        return new(created, Info(key, created));
    }

    public static Outcome<DocumentState, DocumentInfo> InitializeCopy(DocumentState state, SchoolScopedKey key, DocumentCopySpec spec, DateTimeOffset now)
    {
        if (state.IsCreated)
        {
            return state.Origin == spec.Origin && state.OwnerId == spec.StudentId
                ? new(state, Info(key, state))
                : throw new ConflictException($"Document '{key.Id}' already exists and is not the copy of '{spec.Origin.OriginalDocumentId}' for student '{spec.StudentId}'.");
        }

        var copy = state with
        {
            Title = spec.Source.Title,
            OwnerId = spec.StudentId,
            OwnerRole = CallerRole.Student,
            PageCount = spec.Source.PageCount,
            ContentRef = spec.Source.ContentRef,
            CreatedAt = now,
            Origin = spec.Origin,
            ReaderIds = [spec.TeacherId],
        };
        return new(copy, Info(key, copy));
    }

    public static Outcome<DocumentState, DocumentInfo> SetReader(DocumentState state, SchoolScopedKey key, Caller caller, string userId, bool allowed)
    {
        DocumentAccess.RequireManager(state, key, caller, "change who may read");
        if (allowed)
        {
            // Here, in the group commit, not only before it: a share queued before an erasure may be written after it.
            ErasedReaders.RequireNotErased(state, userId);
        }

        var next = state with { ReaderIds = Toggle(state.ReaderIds, userId, allowed, "named readers") };
        return new(ReferenceEquals(next.ReaderIds, state.ReaderIds) ? state : next, Info(key, next));
    }

    public static Outcome<DocumentState, DocumentInfo> SetClass(DocumentState state, SchoolScopedKey key, Caller caller, string classId, bool allowed)
    {
        DocumentAccess.RequireManager(state, key, caller, "change the classes of");
        var next = state with { ClassIds = Toggle(state.ClassIds, classId, allowed, "classes") };
        return new(ReferenceEquals(next.ClassIds, state.ClassIds) ? state : next, Info(key, next));
    }

    public static Outcome<DocumentState, Annotation> AddAnnotation(
        DocumentState state, List<AnnotationEvent> events, SchoolScopedKey key, Caller caller, AnnotationDraft draft, DateTimeOffset now)
    {
        // Checked again where it is written: the document may have been erased of its owner, or of this author, since
        // the caller's access was checked (an annotation queued behind an erasure's change).
        DocumentAccess.Enter(state, key, caller);
        var id = draft.AnnotationId;
        if (state.Annotations.TryGetValue(id, out var existing))
        {
            // The id was applied before: by this author it is a retry, answered with what is stored.
            return DocumentAccess.IsAuthor(existing, caller)
                ? new(state, existing)
                : throw new ConflictException($"Annotation id '{id}' is already used on document '{key.Id}' by another author.");
        }

        if (state.Tombstones.TryGetValue(id, out var tombstone))
        {
            var byAuthor = tombstone.AuthorId == caller.UserId && (tombstone.AuthorRole is null || tombstone.AuthorRole == caller.Role);
            throw new ConflictException(byAuthor
                ? $"Annotation '{id}' was added to document '{key.Id}' and has since been deleted; it is not added again."
                : $"Annotation id '{id}' was already used on document '{key.Id}' by another author.");
        }

        Limits.RoomForOneMore(state.Annotations.Count, DomainLimits.AnnotationsPerDocument, $"the annotations of document '{key.Id}'");
        var sequence = state.LastSequence + 1;
        var annotation = new Annotation
        {
            Id = id,
            AuthorId = caller.UserId,
            AuthorRole = caller.Role,
            Page = draft.Page,
            Body = draft.Body,
            CreatedAt = now,
            AddedAtSequence = sequence,
            ChangedAtSequence = sequence,
        };
        var bytes = RoomForAnnotation(state, key.Id, annotation, replacing: null);
        events.Add(new AnnotationEvent(sequence, AnnotationEventKind.Added, id, annotation, caller.UserId, now));
        return new(state with { Annotations = state.Annotations.Add(id, annotation), LastSequence = sequence, AnnotationBytes = bytes }, annotation);
    }

    /// <summary>
    /// Applies an edit — unless <paramref name="requestId"/> was applied before by the same caller: then it is a retry,
    /// answered with the annotation as it is now (or a conflict if the request id was used for another annotation).
    /// </summary>
    public static Outcome<DocumentState, Annotation> EditAnnotation(
        DocumentState state, List<AnnotationEvent> events, SchoolScopedKey key, Caller caller, string annotationId, AnnotationBody body, int? page, string? requestId, DateTimeOffset now)
    {
        var requestKey = requestId is null ? null : $"{caller.UserId}/{requestId}";
        if (requestKey is not null && state.AppliedEdits.TryGetValue(requestKey, out var applied))
        {
            if (applied.AnnotationId != annotationId)
            {
                throw new ConflictException($"Request id '{requestId}' was already used for an edit of annotation '{applied.AnnotationId}' on document '{key.Id}'.");
            }

            return new(state, state.Annotations.TryGetValue(annotationId, out var annotation) ? annotation : throw new NotFoundException("annotation", annotationId, $"document '{key.Id}' (the edit applied; the annotation has since been deleted)"));
        }

        var current = FindForChange(state, key, caller, annotationId, "edit");
        if (current.Body.Kind != body.Kind)
        {
            throw new ValidationException("body", $"is a {body.Kind.ToString().ToLowerInvariant()}; annotation '{annotationId}' is a {current.Body.Kind.ToString().ToLowerInvariant()} and keeps its kind.");
        }

        var sequence = state.LastSequence + 1;
        var edited = current with { Body = body, Page = page ?? current.Page, EditedAt = now, ChangedAtSequence = sequence };
        var bytes = RoomForAnnotation(state, key.Id, edited, replacing: current);
        events.Add(new AnnotationEvent(sequence, AnnotationEventKind.Edited, annotationId, edited, caller.UserId, now));
        var appliedEdits = requestKey is null
            ? state.AppliedEdits
            : PruneAppliedEdits(state.AppliedEdits.SetItem(requestKey, new AppliedEdit { AnnotationId = annotationId, Sequence = sequence }));
        return new(state with { Annotations = state.Annotations.SetItem(annotationId, edited), LastSequence = sequence, AppliedEdits = appliedEdits, AnnotationBytes = bytes }, edited);
    }

    public static Outcome<DocumentState, bool> DeleteAnnotation(
        DocumentState state, List<AnnotationEvent> events, SchoolScopedKey key, Caller caller, string annotationId, DateTimeOffset now)
    {
        if (state.Tombstones.ContainsKey(annotationId))
        {
            return new(state, false); // deleted already: a retry
        }

        var current = FindForChange(state, key, caller, annotationId, "delete");
        var sequence = state.LastSequence + 1;
        events.Add(new AnnotationEvent(sequence, AnnotationEventKind.Deleted, annotationId, null, caller.UserId, now));
        var tombstones = state.Tombstones.SetItem(annotationId, new AnnotationTombstone { AuthorId = current.AuthorId, AuthorRole = current.AuthorRole, DeletedAtSequence = sequence });
        var bytes = state.AnnotationBytes - StoredSize.Of(current);
        return new(state with { Annotations = state.Annotations.Remove(annotationId), Tombstones = Prune(tombstones), LastSequence = sequence, AnnotationBytes = bytes }, true);
    }

    /// <summary>
    /// Erases a student from the document. Their own document (a copy of an assignment) becomes a blank, uncreated
    /// state, keeping only the sequence so that nothing ever goes back. Elsewhere their annotations are deleted (one
    /// event each, as a deletion by no one), tombstones forget them as author (<c>""</c> is no one's id, so no retry
    /// matches), the edits remembered under their id are let go, and they stop being a named reader.
    /// </summary>
    public static Outcome<DocumentState, bool> EraseStudent(DocumentState state, List<AnnotationEvent> events, string studentId, DateTimeOffset now)
    {
        if (!state.IsCreated)
        {
            return new(state, false);
        }

        if (IsOwnedByStudent(state, studentId))
        {
            return new(new DocumentState { SchemaVersion = DocumentState.CurrentSchemaVersion, LastSequence = state.LastSequence }, true);
        }

        bool ByStudent(string authorId, CallerRole? role) => authorId == studentId && role is CallerRole.Student or null;
        var (annotations, tombstones, sequence, bytes) = (state.Annotations, state.Tombstones, state.LastSequence, state.AnnotationBytes);
        foreach (var annotation in state.Annotations.Values.Where(a => ByStudent(a.AuthorId, a.AuthorRole)).OrderBy(a => a.AddedAtSequence))
        {
            sequence++;
            bytes -= StoredSize.Of(annotation); // the total is stored, so it must not keep what erasure removed
            events.Add(new AnnotationEvent(sequence, AnnotationEventKind.Deleted, annotation.Id, null, null, now));
            annotations = annotations.Remove(annotation.Id);
            tombstones = tombstones.SetItem(annotation.Id, new AnnotationTombstone { AuthorId = "", DeletedAtSequence = sequence });
        }

        foreach (var (id, tombstone) in state.Tombstones.Where(t => ByStudent(t.Value.AuthorId, t.Value.AuthorRole)))
        {
            tombstones = tombstones.SetItem(id, tombstone with { AuthorId = "", AuthorRole = null });
        }

        // Their edits remembered by request id are keyed by their id ("{userId}/{requestId}"): the keys go too.
        var prefix = studentId + "/";
        var edits = state.AppliedEdits.RemoveRange(state.AppliedEdits.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).ToList());

        // Remembered even where nothing of theirs is left: a change by or for them may be queued behind this one.
        var remembering = ErasedReaders.Add(state, studentId);
        var readers = state.ReaderIds.Remove(studentId);
        if (ReferenceEquals(annotations, state.Annotations) && ReferenceEquals(tombstones, state.Tombstones) && readers.Count == state.ReaderIds.Count
            && ReferenceEquals(remembering, state) && ReferenceEquals(edits, state.AppliedEdits))
        {
            return new(state, false);
        }

        return new(remembering with
        {
            Annotations = annotations,
            Tombstones = Prune(tombstones),
            AppliedEdits = edits,
            ReaderIds = readers,
            LastSequence = sequence,
            AnnotationBytes = bytes,
        }, true);
    }

    /// <summary>The student <paramref name="studentId"/> owns the document (their own, or their copy): a teacher of the same user id does not.</summary>
    public static bool IsOwnedByStudent(DocumentState state, string studentId) => state.OwnerId == studentId && state.OwnerRole is CallerRole.Student or null;

    public static DocumentInfo Info(SchoolScopedKey key, DocumentState state)
        => new(key.Id, state.Title ?? "", state.OwnerId, state.PageCount, state.ContentRef, state.CreatedAt, state.ReaderIds, state.ClassIds, state.Origin, state.Annotations.Count, state.LastSequence);

    public static AnnotationSnapshot Snapshot(SchoolScopedKey key, DocumentState state)
        => new(key.Id, state.LastSequence, [.. state.Annotations.Values.OrderBy(a => a.AddedAtSequence)]);

    private static Annotation FindForChange(DocumentState state, SchoolScopedKey key, Caller caller, string annotationId, string action)
    {
        if (!state.Annotations.TryGetValue(annotationId, out var annotation))
        {
            throw new NotFoundException("annotation", annotationId, $"document '{key.Id}'");
        }

        DocumentAccess.RequireAuthorOrManager(state, key, caller, annotation, action);
        return annotation;
    }

    private static ImmutableList<string> Toggle(ImmutableList<string> ids, string id, bool present, string what)
    {
        if (ids.Contains(id) == present)
        {
            return ids;
        }

        if (present)
        {
            Limits.RoomForOneMore(ids.Count, DomainLimits.SharesPerDocument, $"the document's {what}");
            return ids.Add(id);
        }

        return ids.Remove(id);
    }

    /// <summary>The annotations' stored size once <paramref name="annotation"/> is in (in place of <paramref name="replacing"/>); refused past the limits.</summary>
    private static long RoomForAnnotation(DocumentState state, string documentId, Annotation annotation, Annotation? replacing)
    {
        var size = StoredSize.Of(annotation);
        Limits.RoomForBytes(size, DomainLimits.AnnotationBytes, $"Annotation '{annotation.Id}'");
        var total = state.AnnotationBytes + size - (replacing is null ? 0 : StoredSize.Of(replacing));
        Limits.RoomForBytes(total, () => state.AnnotationBytes, DomainLimits.AnnotationBytesPerDocument, $"The annotations of document '{documentId}'");
        return total;
    }

    /// <summary>Request ids only guard against retries, which come within seconds: the oldest tenth goes when full.</summary>
    private static TrackedDictionary<AppliedEdit> PruneAppliedEdits(TrackedDictionary<AppliedEdit> edits)
        => edits.Count <= DomainLimits.RememberedEditsPerDocument
            ? edits
            : edits.RemoveRange(edits.OrderBy(e => e.Value.Sequence).Take(DomainLimits.RememberedEditsPerDocument / 10).Select(e => e.Key).ToList());

    /// <summary>
    /// Tombstones only guard against late retries, which come within seconds; the oldest can go. A retry of an add
    /// whose tombstone was pruned would add the annotation again — after 9,000 later deletions on the document.
    /// </summary>
    private static TrackedDictionary<AnnotationTombstone> Prune(TrackedDictionary<AnnotationTombstone> tombstones)
        => tombstones.Count <= MaxTombstones
            ? tombstones
            : tombstones.RemoveRange(tombstones.OrderBy(t => t.Value.DeletedAtSequence).Take(MaxTombstones / 10).Select(t => t.Key).ToList());
}
