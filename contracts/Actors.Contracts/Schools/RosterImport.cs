using System.Text.Json.Serialization;

namespace Actors.Contracts.Schools;

/// <summary>
/// The OneRoster 1.1 CSV files a roster import reads (the format school information systems export). Imported in
/// this order: users, then classes, then enrollments (a teacher's enrollment creates the class it names).
/// </summary>
[GenerateSerializer, Alias("Actors.RosterFile")]
[JsonConverter(typeof(JsonStringEnumConverter<RosterFile>))]
public enum RosterFile
{
    /// <summary><c>users.csv</c>: <c>sourcedId</c> (the user id), <c>role</c> (student | teacher), <c>givenName</c>, <c>familyName</c>, <c>username</c>.</summary>
    Users = 0,

    /// <summary><c>classes.csv</c>: <c>sourcedId</c> (the class id), <c>title</c>.</summary>
    Classes = 1,

    /// <summary><c>enrollments.csv</c>: <c>classSourcedId</c>, <c>userSourcedId</c>, <c>role</c> (student | teacher).</summary>
    Enrollments = 2,
}

/// <summary>One row of a roster file.</summary>
/// <param name="RowNumber">Its row in the file (the header is row 1), as reported back in errors.</param>
/// <param name="Fields">Column name to value, as in the file's header.</param>
[GenerateSerializer, Immutable, Alias("Actors.RosterRow")]
public sealed record RosterRow([property: Id(0)] int RowNumber, [property: Id(1)] IReadOnlyDictionary<string, string> Fields);

/// <summary>What importing a row did.</summary>
[GenerateSerializer, Alias("Actors.RosterRowOutcome")]
[JsonConverter(typeof(JsonStringEnumConverter<RosterRowOutcome>))]
public enum RosterRowOutcome
{
    /// <summary>The row changed the roster.</summary>
    Applied = 0,

    /// <summary>The roster already was as the row says (a re-import).</summary>
    Unchanged = 1,

    /// <summary>Not applied at all; the result's error says why.</summary>
    Failed = 2,
}

/// <summary>The outcome of one row.</summary>
[GenerateSerializer, Immutable, Alias("Actors.RosterRowResult")]
public sealed record RosterRowResult([property: Id(0)] int RowNumber, [property: Id(1)] RosterRowOutcome Outcome, [property: Id(2)] string? Error = null)
{
    public static RosterRowResult Of(int rowNumber, bool changed) => new(rowNumber, changed ? RosterRowOutcome.Applied : RosterRowOutcome.Unchanged);

    public static RosterRowResult Failed(int rowNumber, string error) => new(rowNumber, RosterRowOutcome.Failed, error);
}
