using Actors.Contracts;
using Actors.Contracts.Schools;

namespace Actors.Grains.Schools;

/// <summary>A <c>users.csv</c> row: a student or teacher to roster.</summary>
internal sealed record UserRow(string UserId, SchoolRole Role, string DisplayName);

/// <summary>A <c>classes.csv</c> row.</summary>
internal sealed record ClassRow(string ClassId, string Title);

/// <summary>An <c>enrollments.csv</c> row.</summary>
internal sealed record EnrollmentRow(string ClassId, string UserId, SchoolRole Role);

/// <summary>
/// Reads OneRoster 1.1 CSV rows (by their standard column names) into what the roster needs, or says in one message
/// what is wrong with a row. Columns the import does not use are ignored; a row whose OneRoster <c>status</c> is
/// <c>tobedeleted</c> is refused rather than silently applied (removal goes through RemoveMember).
/// </summary>
internal static class RosterRows
{
    public static UserRow User(RosterRow row)
    {
        var id = Id(row, "sourcedId");
        var role = Role(row, "role");
        var given = Optional(row, "givenName");
        var family = Optional(row, "familyName");
        var name = string.Join(' ', new[] { given, family }.Where(n => n.Length > 0));
        if (name.Length == 0)
        {
            name = Optional(row, "username");
        }

        return name.Length == 0
            ? throw Problem("givenName, familyName and username are all empty; the user needs a name.")
            : new UserRow(id, role, name);
    }

    public static ClassRow Class(RosterRow row) => new(Id(row, "sourcedId"), Required(row, "title"));

    public static EnrollmentRow Enrollment(RosterRow row) => new(Id(row, "classSourcedId"), Id(row, "userSourcedId"), Role(row, "role"));

    private static string Id(RosterRow row, string column)
    {
        var value = Required(row, column);
        return GrainKeys.IsValidId(value) ? value : throw Problem($"{column} '{value}' must be {GrainKeys.IdRule}.");
    }

    private static SchoolRole Role(RosterRow row, string column) => Required(row, column) switch
    {
        "student" => SchoolRole.Student,
        "teacher" => SchoolRole.Teacher,
        var other => throw Problem($"{column} '{other}' is not imported; only student and teacher are."),
    };

    private static string Required(RosterRow row, string column)
    {
        RefuseDeletion(row);
        var value = Optional(row, column);
        return value.Length > 0 ? value : throw Problem($"{column} is missing or empty.");
    }

    private static string Optional(RosterRow row, string column) => row.Fields.TryGetValue(column, out var value) ? value.Trim() : "";

    private static void RefuseDeletion(RosterRow row)
    {
        if (string.Equals(Optional(row, "status"), "tobedeleted", StringComparison.OrdinalIgnoreCase))
        {
            throw Problem("status 'tobedeleted' is not imported; take the user or enrollment off the roster with RemoveMember or RemoveStudent.");
        }
    }

    private static RosterRowException Problem(string message) => new(message);
}

/// <summary>What is wrong with one roster row (reported as that row's error; the other rows go ahead).</summary>
internal sealed class RosterRowException(string message) : Exception(message);
