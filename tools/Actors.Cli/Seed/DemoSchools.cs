using System.Text.Json;

namespace Actors.Cli.Seed;

/// <summary>
/// The demo data <c>actors seed</c> puts in a local system (README, docs/api.md): two schools with the same user ids,
/// so that a token of one school visibly reaches nothing of the other. Each school has a school administrator
/// (not rostered: the token says what they are), two teachers and five students on its roster, and a class with
/// three students enrolled by the administrator and one invited by the teacher (an invitation waiting to be
/// accepted). Read from <c>scripts/demo/sign-in-users.json</c>, embedded at build time: the same file the
/// development sign-in lists its users from, so the two never disagree.
/// </summary>
internal static class DemoSchools
{
    /// <summary>The embedded file's resource name (see the project file).</summary>
    public const string ResourceName = "Actors.Cli.Seed.sign-in-users.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { ReadCommentHandling = JsonCommentHandling.Skip };

    public static readonly IReadOnlyList<DemoSchool> All = Load();

    /// <summary>The schools of a sign-in users document (<c>{ "schools": [ { "id", "name", "class", "users" } ] }</c>).</summary>
    /// <exception cref="InvalidDataException">A school lacks its class, administrator, the class's teacher, or four students.</exception>
    public static IReadOnlyList<DemoSchool> Parse(Stream json)
    {
        var file = JsonSerializer.Deserialize<UsersFile>(json, Json) ?? throw new InvalidDataException("the demo users file is empty.");
        return [.. (file.Schools ?? []).Select(ToDemoSchool)];
    }

    private static IReadOnlyList<DemoSchool> Load()
    {
        using var stream = typeof(DemoSchools).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The CLI was built without its embedded {ResourceName}.");
        return Parse(stream);
    }

    private static DemoSchool ToDemoSchool(SchoolEntry s)
    {
        var users = s.Users ?? [];
        (string Id, string Name)[] Of(string role) => [.. users.Where(u => u.Role == role).Select(u => (u.Id, u.Name))];
        var teachers = Of("teacher");
        var students = Of("student");
        var admin = users.FirstOrDefault(u => u.Role == "school_admin")?.Id;
        if (s.Class is null || admin is null || !teachers.Any(t => t.Id == s.Class.Teacher) || students.Length < 4)
        {
            throw new InvalidDataException($"Demo school '{s.Id}' needs a class taught by one of its teachers, a school_admin and at least four students.");
        }

        return new DemoSchool(s.Id, s.Name, admin, s.Class.Id, s.Class.Title, s.Class.Teacher, teachers, students);
    }

    private sealed record UsersFile(IReadOnlyList<SchoolEntry>? Schools);

    private sealed record SchoolEntry(string Id, string Name, ClassEntry? Class, IReadOnlyList<UserEntry>? Users);

    private sealed record ClassEntry(string Id, string Title, string Teacher);

    private sealed record UserEntry(string Id, string Name, string Role);
}

/// <summary>One demo school: its roster and its class (the first three students enrolled, the fourth invited).</summary>
internal sealed record DemoSchool(
    string Id,
    string Name,
    string AdminId,
    string ClassId,
    string ClassTitle,
    string ClassTeacherId,
    IReadOnlyList<(string Id, string Name)> Teachers,
    IReadOnlyList<(string Id, string Name)> Students);
