using Actors.Contracts.Classes;
using Actors.Contracts.Documents;
using Actors.Contracts.Schools;

namespace Actors.Contracts.Students;

/// <summary>
/// Everything stored about one student, gathered for a school administrator (a records request): their roster entry,
/// their own grain's state, their classes with their work, and the documents that hold their work (their copies of
/// assigned documents, whole) or their annotations (documents shared with their classes).
/// </summary>
[GenerateSerializer, Immutable, Alias("Actors.StudentRecordExport")]
public sealed record StudentRecordExport
{
    [Id(0)]
    public string SchoolId { get; init; } = "";

    [Id(1)]
    public string StudentId { get; init; } = "";

    [Id(2)]
    public DateTimeOffset ExportedAt { get; init; }

    /// <summary>The school's roster entry (display name, when rostered).</summary>
    [Id(3)]
    public SchoolMember? Member { get; init; }

    [Id(4)]
    public StudentRecords Student { get; init; } = new();

    /// <summary>Each class the student belongs to or is invited to, with their submissions.</summary>
    [Id(5)]
    public IReadOnlyList<StudentClassRecords> Classes { get; init; } = [];

    /// <summary>
    /// Every document that holds something of the student's: their own documents and copies of assigned documents
    /// (whole), documents shared with them by name, and documents they annotated (their annotations only) — found
    /// through the student's index of documents and their classes, so also those of classes they left.
    /// </summary>
    [Id(6)]
    public IReadOnlyList<StudentDocumentRecords> Documents { get; init; } = [];
}

/// <summary>What the student grain holds: all of it, private reflections included.</summary>
[GenerateSerializer, Immutable, Alias("Actors.StudentRecords")]
public sealed record StudentRecords
{
    [Id(0)]
    public StudentProfile? Profile { get; init; }

    [Id(1)]
    public IReadOnlyList<Goal> Goals { get; init; } = [];

    [Id(2)]
    public IReadOnlyList<Activity> Activities { get; init; } = [];

    [Id(3)]
    public IReadOnlyList<Reflection> Reflections { get; init; } = [];

    [Id(4)]
    public Resume? Resume { get; init; }

    [Id(5)]
    public IReadOnlyList<ClassMembership> Classes { get; init; } = [];

    [Id(6)]
    public IReadOnlyDictionary<string, long> PageViews { get; init; } = new Dictionary<string, long>();

    [Id(7)]
    public DateTimeOffset? RosteredAt { get; init; }
}

/// <summary>A class as it concerns one student: its roster entry and the student's work on each assignment.</summary>
[GenerateSerializer, Immutable, Alias("Actors.StudentClassRecords")]
public sealed record StudentClassRecords
{
    [Id(0)]
    public string ClassId { get; init; } = "";

    [Id(1)]
    public string Title { get; init; } = "";

    [Id(2)]
    public string TeacherId { get; init; } = "";

    /// <summary>The student's roster entry; null if the class no longer lists them.</summary>
    [Id(3)]
    public RosterEntry? Enrollment { get; init; }

    [Id(4)]
    public IReadOnlyList<StudentSubmission> Submissions { get; init; } = [];

    /// <summary>Documents shared with the class (where the student may have annotated).</summary>
    [Id(5)]
    public IReadOnlyList<string> SharedDocumentIds { get; init; } = [];
}

/// <summary>The student's work on one assignment.</summary>
[GenerateSerializer, Immutable, Alias("Actors.StudentSubmission")]
public sealed record StudentSubmission(
    [property: Id(0)] string AssignmentId,
    [property: Id(1)] string AssignmentTitle,
    [property: Id(2)] string DocumentId,
    [property: Id(3)] string CopyDocumentId,
    [property: Id(4)] SubmissionStatus Status,
    [property: Id(5)] DateTimeOffset UpdatedAt);

/// <summary>
/// A document as it concerns one student: all of it if it is theirs (their own or their copy), else their annotations;
/// <see cref="SharedWithStudent"/> when it names them as a reader.
/// </summary>
[GenerateSerializer, Immutable, Alias("Actors.StudentDocumentRecords")]
public sealed record StudentDocumentRecords(
    [property: Id(0)] DocumentInfo Document,
    [property: Id(1)] bool OwnedByStudent,
    [property: Id(2)] IReadOnlyList<Annotation> Annotations,
    [property: Id(3)] bool SharedWithStudent = false);
