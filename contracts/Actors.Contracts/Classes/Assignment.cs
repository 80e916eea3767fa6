using System.Text.Json.Serialization;

namespace Actors.Contracts.Classes;

/// <summary>Where a student's work on an assignment is.</summary>
[GenerateSerializer, Alias("Actors.SubmissionStatus")]
[JsonConverter(typeof(JsonStringEnumConverter<SubmissionStatus>))]
public enum SubmissionStatus
{
    /// <summary>Handed out, not opened.</summary>
    NotStarted = 0,

    /// <summary>The student is working on it (again, after a return).</summary>
    InProgress = 1,

    /// <summary>Handed in; the teacher may return it.</summary>
    Submitted = 2,

    /// <summary>Marked and handed back by the teacher.</summary>
    Returned = 3,
}

/// <summary>What assigning a document asks for.</summary>
/// <param name="DocumentId">The document handed out; the teacher must be able to read it.</param>
/// <param name="DueAt">When the work is due; in the future when first assigned.</param>
/// <param name="Title">Shown to students; defaults to the document's title.</param>
[GenerateSerializer, Immutable, Alias("Actors.AssignmentDraft")]
public sealed record AssignmentDraft(
    [property: Id(0)] string DocumentId,
    [property: Id(1)] DateTimeOffset DueAt,
    [property: Id(2)] string? Title = null);

/// <summary>One student's work on an assignment: their own copy of the document and where it is.</summary>
[GenerateSerializer, Immutable, Alias("Actors.StudentWork")]
public sealed record StudentWork
{
    [Id(0)]
    public string StudentId { get; init; } = "";

    /// <summary>The student's copy (see <see cref="Documents.DocumentCopyId"/>).</summary>
    [Id(1)]
    public string CopyDocumentId { get; init; } = "";

    [Id(2)]
    public SubmissionStatus Status { get; init; }

    [Id(3)]
    public DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>A document handed out to a class with a due date, and each enrolled student's work on it.</summary>
[GenerateSerializer, Immutable, Alias("Actors.Assignment")]
public sealed record Assignment
{
    /// <summary>Client-generated id, unique within the class: a retried assignment is not handed out twice.</summary>
    [Id(0)]
    public string AssignmentId { get; init; } = "";

    /// <summary>The original document; each student works on a copy of it.</summary>
    [Id(1)]
    public string DocumentId { get; init; } = "";

    [Id(2)]
    public string Title { get; init; } = "";

    [Id(3)]
    public DateTimeOffset DueAt { get; init; }

    [Id(4)]
    public DateTimeOffset AssignedAt { get; init; }

    /// <summary>
    /// One entry per student whose copy exists. An active student without one is still being handed the copy
    /// (the class creates it on its next call or activation).
    /// </summary>
    [Id(5)]
    public IReadOnlyList<StudentWork> Work { get; init; } = [];

    /// <summary>Active students whose copy could not be made yet, and why (retried until it is made).</summary>
    [Id(6)]
    public IReadOnlyList<CopyIssue> CopyIssues { get; init; } = [];

    /// <summary>
    /// What the copies are made from, taken from the original when it was assigned. Null on assignments recorded
    /// before it was kept: their original is read when a copy is made, and this is filled in then.
    /// </summary>
    [Id(7)]
    public CopySource? Source { get; init; }
}
