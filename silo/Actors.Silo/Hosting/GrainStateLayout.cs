using Actors.Contracts.Documents;
using Actors.Contracts.Students;
using Actors.Grains.Documents;
using Actors.Grains.Students;
using Actors.Persistence.CockroachDb.Providers;

namespace Actors.Silo.Hosting;

/// <summary>
/// Which grain state collections the storage keeps one row per item: those that grow large and change one item at a
/// time, so that a write costs the change, not the collection (docs/storage.md, "Incremental storage"). Each one's
/// items are immutable records, as <see cref="ItemCollection"/> requires.
/// </summary>
public static class GrainStateLayout
{
    /// <summary>
    /// A document's annotations, the tombstones of deleted ones (up to 10,000 of each) and the edits it remembers by
    /// request id (up to 1,024); a student's goals,
    /// activities, reflections (up to <c>DomainLimits.ItemsPerStudent</c> of each), page-view counts (one per page), the
    /// page views remembered by request id (up to 256) and the index of their documents (up to 10,000).
    /// Their JSON is <see cref="GrainStateJson"/>'s (ink points compact): set here, with the layout, so that every
    /// storage laid out this way (the silo's, the tests', the benchmark's) writes the same rows.
    /// </summary>
    public static CockroachGrainStorageOptions StoreLargeCollectionsPerItem(this CockroachGrainStorageOptions options) => options
        .UseGrainStateJson()
        .StoreItemsSeparately<DocumentState, Annotation>("annotations", s => s.Annotations, (s, items) => s with { Annotations = items })
        .StoreItemsSeparately<DocumentState, AnnotationTombstone>("tombstones", s => s.Tombstones, (s, items) => s with { Tombstones = items })
        .StoreItemsSeparately<DocumentState, AppliedEdit>("appliedEdits", s => s.AppliedEdits, (s, items) => s with { AppliedEdits = items })
        .StoreItemsSeparately<StudentState, Goal>("goals", s => s.Goals, (s, items) => s with { Goals = items })
        .StoreItemsSeparately<StudentState, Activity>("activities", s => s.Activities, (s, items) => s with { Activities = items })
        .StoreItemsSeparately<StudentState, Reflection>("reflections", s => s.Reflections, (s, items) => s with { Reflections = items })
        .StoreItemsSeparately<StudentState, PageViewCount>("pageViews", s => s.PageViews, (s, items) => s with { PageViews = items })
        .StoreItemsSeparately<StudentState, PageViewRequest>("pageViewRequestIds", s => s.PageViewRequestIds, (s, items) => s with { PageViewRequestIds = items })
        .StoreItemsSeparately<StudentState, StudentDocumentLink>("documents", s => s.Documents, (s, items) => s with { Documents = items });
}
