using Actors.Contracts.Schools;

namespace Actors.Domain.Tests.Schools;

/// <summary>OneRoster CSV rows as the import receives them, numbered from row 2 (the header is row 1).</summary>
public static class RosterRows
{
    public static RosterRow[] Users(params (string Id, string Role, string Given, string Family)[] users)
        => Number(users.Select(u => Fields(("sourcedId", u.Id), ("role", u.Role), ("givenName", u.Given), ("familyName", u.Family), ("username", u.Id))));

    public static RosterRow[] Classes(params (string Id, string Title)[] classes)
        => Number(classes.Select(c => Fields(("sourcedId", c.Id), ("title", c.Title), ("classType", "scheduled"))));

    public static RosterRow[] Enrollments(params (string ClassId, string UserId, string Role)[] enrollments)
        => Number(enrollments.Select(e => Fields(("classSourcedId", e.ClassId), ("userSourcedId", e.UserId), ("role", e.Role))));

    public static Dictionary<string, string> Fields(params (string Column, string Value)[] fields)
        => fields.ToDictionary(f => f.Column, f => f.Value, StringComparer.Ordinal);

    public static RosterRow[] Number(IEnumerable<Dictionary<string, string>> rows)
        => [.. rows.Select((fields, i) => new RosterRow(i + 2, fields))];
}
