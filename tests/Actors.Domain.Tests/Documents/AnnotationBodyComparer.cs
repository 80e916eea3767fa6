using System.Text.Json;
using Actors.Contracts.Documents;

namespace Actors.Domain.Tests.Documents;

/// <summary>Compares annotation bodies by content (records compare their lists by reference).</summary>
internal sealed class AnnotationBodyComparer : IEqualityComparer<AnnotationBody>
{
    public static readonly AnnotationBodyComparer Instance = new();

    public bool Equals(AnnotationBody? x, AnnotationBody? y)
        => JsonSerializer.Serialize(x) == JsonSerializer.Serialize(y);

    public int GetHashCode(AnnotationBody obj) => JsonSerializer.Serialize(obj).GetHashCode(StringComparison.Ordinal);
}
