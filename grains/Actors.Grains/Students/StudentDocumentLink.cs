namespace Actors.Grains.Students;

/// <summary>
/// One document in a student's index (its id is the key in <see cref="StudentState.Documents"/>): a record of its own,
/// not a bare id, because each document of the index is stored as an item row and items are compared by reference.
/// </summary>
[GenerateSerializer, Immutable, Alias("Actors.StudentDocumentLink")]
public sealed record StudentDocumentLink
{
    /// <summary>A document linked before the index was stored per item, when the time was not recorded.</summary>
    public static StudentDocumentLink Unknown { get; } = new();

    /// <summary>When the student became related to the document; null for links made before it was recorded.</summary>
    [Id(0)]
    public DateTimeOffset? LinkedAt { get; init; }
}
