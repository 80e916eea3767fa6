namespace Actors.Contracts.Internal;

/// <summary>
/// Grain-to-grain only: a document tells a class of the same school that it is (or no longer is) shared with it,
/// so that the class can tell the document when its roster changes (<see cref="IDocumentAccessSignals"/>). The class
/// grain implements it. Both are idempotent; a link left behind only costs the document a needless re-check.
/// </summary>
[ClusterInternal, Alias("Actors.IClassDocumentLinks")]
public interface IClassDocumentLinks : IGrainWithStringKey
{
    /// <summary>Records that <paramref name="documentId"/> is shared with the class; <see cref="Errors.NotFoundException"/> if the class does not exist.</summary>
    [Alias("AttachDocument")]
    Task AttachDocument(string documentId);

    /// <summary>Forgets <paramref name="documentId"/>.</summary>
    [Alias("DetachDocument")]
    Task DetachDocument(string documentId);
}
