using Actors.Contracts.Documents;

namespace Actors.Domain.Tests.Documents;

/// <summary>Compares document infos by content (records compare their lists by reference).</summary>
internal sealed class DocumentInfoComparer : IEqualityComparer<DocumentInfo>
{
    public static readonly DocumentInfoComparer Instance = new();

    public bool Equals(DocumentInfo? x, DocumentInfo? y)
        => x is not null && y is not null
            && x with { ReaderIds = [], ClassIds = [] } == y with { ReaderIds = [], ClassIds = [] }
            && x.ReaderIds.SequenceEqual(y.ReaderIds)
            && x.ClassIds.SequenceEqual(y.ClassIds);

    public int GetHashCode(DocumentInfo obj) => obj.DocumentId.GetHashCode(StringComparison.Ordinal);
}
