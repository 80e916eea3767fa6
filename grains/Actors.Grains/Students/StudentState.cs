using System.Collections.Immutable;
using System.Text.Json.Serialization;
using Actors.Contracts.Collections;
using Actors.Contracts.Students;

namespace Actors.Grains.Students;

/// <summary>
/// A student's stored state: one JSONB row, and one item row per goal, activity, reflection and page (the keyed
/// collections, stored per item: see <c>GrainStateLayout</c> and docs/storage.md, "Incremental storage"). Immutable:
/// a change builds a new state — and new objects for the items it changes — which replaces the old one only once
/// written. Collections default to empty, so a field added in a later schema version reads as empty from a row
/// written before it existed. The keyed collections have no order of their own: <see cref="StudentStateViews"/> lists
/// them in the order the API shows.
/// </summary>
[GenerateSerializer, Alias("Actors.StudentState")]
public sealed record StudentState
{
    /// <summary>
    /// The schema this code writes. 1: profile, goals, activities, reflections, classes. 2: adds
    /// <see cref="PageViews"/>. 3: adds <see cref="RosteredAt"/> and <see cref="ClassMembership.State"/> (keys carry
    /// the school from here on). 4: goals, activities, reflections and page views keyed by id (page) instead of lists,
    /// stored one row per item (rows of version 3 hold them as lists in the state row: <see cref="StudentItemsJson"/>
    /// reads both). See <see cref="StudentStateMigration"/>.
    /// </summary>
    public const int CurrentSchemaVersion = 4;

    /// <summary>The schema the state was written in; 0 for a state never written.</summary>
    [Id(0)]
    public int SchemaVersion { get; init; }

    [Id(1)]
    public StudentProfile? Profile { get; init; }

    /// <summary>Goals by id (schema 4; a list before).</summary>
    [Id(2)]
    [JsonConverter(typeof(StudentItemsJson.Goals))]
    public TrackedDictionary<Goal> Goals { get; init; } = StudentItemsJson.Empty<Goal>();

    /// <summary>Activities by id (schema 4; a list before).</summary>
    [Id(3)]
    [JsonConverter(typeof(StudentItemsJson.Activities))]
    public TrackedDictionary<Activity> Activities { get; init; } = StudentItemsJson.Empty<Activity>();

    /// <summary>Reflections by id (schema 4; a list before).</summary>
    [Id(4)]
    [JsonConverter(typeof(StudentItemsJson.Reflections))]
    public TrackedDictionary<Reflection> Reflections { get; init; } = StudentItemsJson.Empty<Reflection>();

    /// <summary>
    /// The classes the student belongs to or is invited to, kept in line with the classes' rosters (see
    /// <c>IStudentClassSync</c>).
    /// </summary>
    [Id(5)]
    public ImmutableList<ClassMembership> Classes { get; init; } = [];

    /// <summary>Flushed page-view counts by page (schema 2; plain numbers before schema 4).</summary>
    [Id(6)]
    [JsonConverter(typeof(StudentItemsJson.PageViews))]
    public TrackedDictionary<PageViewCount> PageViews { get; init; } = StudentItemsJson.Empty<PageViewCount>();

    /// <summary>
    /// When the school rostered the student; null while not rostered — then the student does not exist for anyone
    /// (schema 3). Mirrors the school's roster (see <c>IStudentSchoolSync</c>).
    /// </summary>
    [Id(7)]
    public DateTimeOffset? RosteredAt { get; init; }

    /// <summary>True while the school has the student on its roster.</summary>
    [JsonIgnore]
    public bool IsRostered => RosteredAt is not null;

    /// <summary>
    /// The request ids of the last written page views, in the order written (at most
    /// <see cref="Contracts.DomainLimits.RememberedPageViewsPerStudent"/>), so that a retried view is not counted again.
    /// Stored one row per id: a full set is about 10 KB, which every flush rewrote while it sat in the state row (a list
    /// there before).
    /// </summary>
    [Id(8)]
    [JsonConverter(typeof(StudentItemsJson.PageViewRequests))]
    public TrackedDictionary<PageViewRequest> PageViewRequestIds { get; init; } = StudentItemsJson.Empty<PageViewRequest>();

    /// <summary>
    /// The documents the student is related to — owns, is shared by name, has annotated — by id: the index export and
    /// erasure go through (see <c>IStudentDocumentLinks</c>), in ordinal order of the ids. Only ever grows while the
    /// student exists; empty in rows written before it existed (their documents are found through their classes).
    /// Stored one row per document (a list in the state row before): up to 10,000 ids, about 1.3 MB, that every
    /// write of the student rewrote.
    /// </summary>
    [Id(9)]
    [JsonConverter(typeof(StudentItemsJson.Documents))]
    public TrackedDictionary<StudentDocumentLink> Documents { get; init; } = StudentItemsJson.Empty<StudentDocumentLink>();

    /// <summary>
    /// When the school began erasing the student; set before the erasure touches any document, and gone with the rest
    /// of the state when the erasure clears the grain. From then on no document may gain the student
    /// (<c>IStudentDocumentLinks.LinkDocument</c> answers as if the student did not exist). Null in older rows.
    /// </summary>
    [Id(10)]
    public DateTimeOffset? ErasingSince { get; init; }

    /// <summary>True once an erasure of the student began.</summary>
    [JsonIgnore]
    public bool IsBeingErased => ErasingSince is not null;
}
