using Actors.Contracts.Collections;
using Actors.Persistence.CockroachDb.Providers;

namespace Actors.Persistence.Tests;

/// <summary>A state with a large keyed collection stored per item, shaped like a document with its annotations.</summary>
public sealed record Sheet
{
    public string Title { get; init; } = "";

    public long LastSequence { get; init; }

    public TrackedDictionary<Note> Notes { get; init; } = TrackedDictionary<Note>.Empty;

    public TrackedDictionary<string> Removed { get; init; } = TrackedDictionary<string>.Empty;

    /// <summary>Stores <see cref="Notes"/> and <see cref="Removed"/> one row per item.</summary>
    public static void Itemize(CockroachGrainStorageOptions o) => o
        .StoreItemsSeparately<Sheet, Note>("notes", s => s.Notes, (s, items) => s with { Notes = items })
        .StoreItemsSeparately<Sheet, string>("removed", s => s.Removed, (s, items) => s with { Removed = items });

    public Sheet Add(string id, string author, string text) => this with
    {
        Notes = Notes.SetItem(id, new Note(id, author, text)),
        LastSequence = LastSequence + 1,
    };

    public Sheet Delete(string id) => this with
    {
        Notes = Notes.Remove(id),
        Removed = Removed.SetItem(id, Notes[id].AuthorId),
        LastSequence = LastSequence + 1,
    };
}

public sealed record Note(string Id, string AuthorId, string Text);
