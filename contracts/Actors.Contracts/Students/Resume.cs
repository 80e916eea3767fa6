namespace Actors.Contracts.Students;

/// <summary>A completed goal as a resume shows it.</summary>
[GenerateSerializer, Immutable, Alias("Actors.ResumeGoal")]
public sealed record ResumeGoal([property: Id(0)] string Title, [property: Id(1)] DateTimeOffset CompletedAt);

/// <summary>A completed activity as a resume shows it.</summary>
[GenerateSerializer, Immutable, Alias("Actors.ResumeActivity")]
public sealed record ResumeActivity(
    [property: Id(0)] string Title,
    [property: Id(1)] string? Category,
    [property: Id(2)] decimal Hours,
    [property: Id(3)] DateTimeOffset CompletedAt);

/// <summary>A resume assembled from the profile and the completed goals and activities, newest first.</summary>
[GenerateSerializer, Immutable, Alias("Actors.Resume")]
public sealed record Resume(
    [property: Id(0)] string StudentId,
    [property: Id(1)] StudentProfile? Profile,
    [property: Id(2)] IReadOnlyList<ResumeGoal> Goals,
    [property: Id(3)] IReadOnlyList<ResumeActivity> Activities,
    [property: Id(4)] decimal TotalHours);
