using Actors.Contracts.Classes;
using Actors.Contracts.Documents;

namespace Actors.Contracts.Internal;

/// <summary>What a student's copy of an assigned document is made from: the assignment's <see cref="CopySource"/>.</summary>
[GenerateSerializer, Immutable, Alias("Actors.DocumentCopySpec")]
public sealed record DocumentCopySpec(
    [property: Id(0)] DocumentOrigin Origin,
    [property: Id(1)] string StudentId,
    [property: Id(2)] string TeacherId,
    [property: Id(4)] CopySource Source);

/// <summary>
/// Grain-to-grain only: the class grain creates students' copies of assigned documents through it. The document
/// grain implements it; its local id (in the class's school) must be <see cref="DocumentCopyId.For"/> of the spec's class,
/// assignment and student.
/// </summary>
[ClusterInternal, Alias("Actors.IDocumentCopyTarget")]
public interface IDocumentCopyTarget : IGrainWithStringKey
{
    /// <summary>
    /// Makes this document the student's copy: owned by the student, readable by the teacher, linked to the original.
    /// Idempotent: a copy already made from the same origin for the same student is returned unchanged.
    /// </summary>
    [Alias("InitializeCopy")]
    Task<DocumentInfo> InitializeCopy(Caller caller, DocumentCopySpec spec);
}
