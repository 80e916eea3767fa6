namespace Actors.Contracts.Classes;

/// <summary>
/// Why a step a class carries out on another grain — a student's side of a join or leave, a student's copy of an
/// assignment — has not succeeded yet. The class keeps retrying it in the background (a refused step too: the rule
/// that refused it may stop applying, as when a student at the class limit leaves another class); the item is done,
/// and the issue gone, once a retry succeeds. Only that item waits: the class's other students and copies go ahead.
/// </summary>
[GenerateSerializer, Immutable, Alias("Actors.SyncIssue")]
public sealed record SyncIssue
{
    /// <summary>What went wrong, for the teacher: a domain rule's message, or that the service failed and will retry.</summary>
    [Id(0)]
    public string Reason { get; init; } = "";

    /// <summary>True when a rule refused the step (it succeeds once the rule allows it), false when the step failed (storage, a lost silo).</summary>
    [Id(1)]
    public bool Refused { get; init; }

    /// <summary>When the step first failed this way.</summary>
    [Id(2)]
    public DateTimeOffset Since { get; init; }
}

/// <summary>A student whose copy of an assignment is not made yet, and why.</summary>
[GenerateSerializer, Immutable, Alias("Actors.CopyIssue")]
public sealed record CopyIssue
{
    [Id(0)]
    public string StudentId { get; init; } = "";

    [Id(1)]
    public SyncIssue Issue { get; init; } = new();
}

/// <summary>
/// What every student's copy of an assignment is made from: the original's title, page count and content reference
/// as they were when it was assigned. Kept with the assignment, so copies for students enrolled later do not need
/// the original (whose owner may since have withdrawn the teacher's access, or deleted it).
/// </summary>
[GenerateSerializer, Immutable, Alias("Actors.CopySource")]
public sealed record CopySource
{
    [Id(0)]
    public string Title { get; init; } = "";

    [Id(1)]
    public int PageCount { get; init; }

    [Id(2)]
    public string ContentRef { get; init; } = "";
}
