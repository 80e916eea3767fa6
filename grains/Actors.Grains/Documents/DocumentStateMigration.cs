using System.Collections.Immutable;
using Actors.Contracts.Collections;
using Actors.Grains.Validation;

namespace Actors.Grains.Documents;

/// <summary>Brings a document state read from storage up to <see cref="DocumentState.CurrentSchemaVersion"/> on activation.</summary>
internal static class DocumentStateMigration
{
    /// <summary>Upgrades in memory; the next change writes the upgraded state.</summary>
    public static DocumentState Upgrade(DocumentState state, bool recordExists)
    {
        if (!recordExists)
        {
            return state with { SchemaVersion = DocumentState.CurrentSchemaVersion };
        }

        state = state with
        {
            ReaderIds = state.ReaderIds ?? [],
            ClassIds = state.ClassIds ?? [],
            Annotations = state.Annotations ?? TrackedDictionary<Contracts.Documents.Annotation>.Empty,
            Tombstones = state.Tombstones ?? TrackedDictionary<AnnotationTombstone>.Empty,
            AppliedEdits = state.AppliedEdits ?? TrackedDictionary<AppliedEdit>.Empty,
        };

        if (state.SchemaVersion < 2)
        {
            state = AddSequenceNumbers(state);
        }

        if (state.SchemaVersion < 3)
        {
            // Version 2 rows were keyed without a school and are unreachable under school-scoped keys (local data
            // from before schools is dropped, not migrated). One read anyway has no roles: ownership and authorship
            // then match the user id alone, as they did.
            state = state with { SchemaVersion = 3 };
        }

        // Measured only where the row does not carry the total (see DocumentState.AnnotationBytes): every annotation is
        // serialized to measure it, the largest cost of activating a large document.
        return state.AnnotationBytes > 0 || state.Annotations.IsEmpty
            ? state
            : state with { AnnotationBytes = state.Annotations.Values.Sum(a => StoredSize.Of(a)) };
    }

    /// <summary>
    /// Version 1 had no sequence numbers. Number the annotations in the order they were created (ties by id, so
    /// every silo numbers alike) — the order a version-1 reader showed them in — and continue from there.
    /// </summary>
    private static DocumentState AddSequenceNumbers(DocumentState state)
    {
        var numbered = state.Annotations.Values
            .OrderBy(a => a.CreatedAt)
            .ThenBy(a => a.Id, StringComparer.Ordinal)
            .Select((a, i) => a with { AddedAtSequence = i + 1, ChangedAtSequence = i + 1 })
            .ToImmutableDictionary(a => a.Id, StringComparer.Ordinal);
        return state with { Annotations = TrackedDictionary<Contracts.Documents.Annotation>.From(numbered), LastSequence = numbered.Count, SchemaVersion = 2 };
    }
}
