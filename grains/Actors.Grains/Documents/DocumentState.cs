using System.Collections.Immutable;
using System.Text.Json.Serialization;
using Actors.Contracts;
using Actors.Contracts.Collections;
using Actors.Contracts.Documents;

namespace Actors.Grains.Documents;

/// <summary>
/// A document's stored state: metadata (the content itself lives elsewhere, see <see cref="ContentRef"/>),
/// sharing, and annotations. Changed only through the grain's group commit (<c>GroupCommit</c>).
/// </summary>
[GenerateSerializer, Alias("Actors.DocumentState")]
public sealed record DocumentState
{
    /// <summary>
    /// The schema this code writes. 1: metadata, sharing, annotations, tombstones. 2: adds sequence numbers
    /// (<see cref="LastSequence"/>, <see cref="Annotation.AddedAtSequence"/>, <see cref="Annotation.ChangedAtSequence"/>)
    /// for live watching. 3: adds <see cref="OwnerRole"/> and authors' roles (keys carry the school from here on).
    /// See <see cref="DocumentStateMigration"/>.
    /// </summary>
    public const int CurrentSchemaVersion = 3;

    [Id(0)]
    public int SchemaVersion { get; init; }

    /// <summary>Null until the document is created.</summary>
    [Id(1)]
    public string? Title { get; init; }

    /// <summary>The owner's user id in the document's school.</summary>
    [Id(2)]
    public string OwnerId { get; init; } = "";

    [Id(3)]
    public int PageCount { get; init; }

    /// <summary>Where the content is stored; binary content never goes into grain state.</summary>
    [Id(4)]
    public string ContentRef { get; init; } = "";

    [Id(5)]
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Set on a student's copy of an assigned document.</summary>
    [Id(6)]
    public DocumentOrigin? Origin { get; init; }

    [Id(7)]
    public ImmutableList<string> ReaderIds { get; init; } = [];

    [Id(8)]
    public ImmutableList<string> ClassIds { get; init; } = [];

    /// <summary>Live annotations by id.</summary>
    [Id(9)]
    public TrackedDictionary<Annotation> Annotations { get; init; } = TrackedDictionary<Annotation>.Empty;

    /// <summary>Ids of deleted annotations, so that a late retry of their add does not bring them back.</summary>
    [Id(10)]
    public TrackedDictionary<AnnotationTombstone> Tombstones { get; init; } = TrackedDictionary<AnnotationTombstone>.Empty;

    /// <summary>The sequence number of the last durable change (schema 2).</summary>
    [Id(11)]
    public long LastSequence { get; init; }

    /// <summary>The owner's role: ownership is school, user and role (schema 3; null on older rows, matching the user id alone).</summary>
    [Id(12)]
    public CallerRole? OwnerRole { get; init; }

    /// <summary>
    /// The edits applied under a request id, by <c>{userId}/{requestId}</c>, so that a retried edit is not applied again.
    /// Bounded (<see cref="Contracts.DomainLimits.RememberedEditsPerDocument"/>); empty in rows written before it existed.
    /// Stored one row per item like the annotations: a full set is about 120 KB, which every add, edit and delete
    /// rewrote while it sat in the state row.
    /// </summary>
    [Id(13)]
    public TrackedDictionary<AppliedEdit> AppliedEdits { get; init; } = TrackedDictionary<AppliedEdit>.Empty;

    /// <summary>
    /// Students erased from this document, as SHA-256 digests of their ids (see <see cref="ErasedReaders"/>): a change
    /// by or for them that raced their erasure, or came after it, is refused instead of naming them again. Empty in
    /// rows written before it existed.
    /// </summary>
    [Id(15)]
    public ImmutableSortedSet<string> ErasedStudents { get; init; } = ImmutableSortedSet.Create<string>(StringComparer.Ordinal);

    /// <summary>True once the document was created.</summary>
    [JsonIgnore]
    public bool IsCreated => Title is not null;

    /// <summary>
    /// What the annotations take stored, together (bounded by <see cref="Contracts.DomainLimits.AnnotationBytesPerDocument"/>),
    /// kept up to date by every change to an annotation. Stored in the state row, written in the same transaction as the
    /// annotations' item rows, so activation does not measure every annotation again: that serialized each one (for
    /// 6,662 ink strokes, 200–400 ms of a silo's CPU, more than reading them). Rows without it (0 while there are
    /// annotations: written before it was stored, or by a silo of that version) are measured on activation
    /// (<see cref="DocumentStateMigration"/>).
    /// </summary>
    [Id(14)]
    public long AnnotationBytes { get; init; }
}

/// <summary>An edit applied under a request id: which annotation it changed, and at which change.</summary>
[GenerateSerializer, Immutable, Alias("Actors.AppliedEdit")]
public sealed record AppliedEdit
{
    [Id(0)]
    public string AnnotationId { get; init; } = "";

    [Id(1)]
    public long Sequence { get; init; }
}

/// <summary>What is kept of a deleted annotation: who added it (a retry is recognised by its author) and when it went.</summary>
[GenerateSerializer, Immutable, Alias("Actors.AnnotationTombstone")]
public sealed record AnnotationTombstone
{
    [Id(0)]
    public string AuthorId { get; init; } = "";

    [Id(1)]
    public long DeletedAtSequence { get; init; }

    /// <summary>The author's role (schema 3).</summary>
    [Id(2)]
    public CallerRole? AuthorRole { get; init; }
}
