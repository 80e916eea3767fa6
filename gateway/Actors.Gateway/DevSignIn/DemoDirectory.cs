using System.Text.Json;

namespace Actors.Gateway.DevSignIn;

/// <summary>A demo user the development sign-in offers: who they are, in which school, in which role.</summary>
public sealed record DemoUser(string Id, string Name, string Role);

/// <summary>A demo school and its users.</summary>
public sealed record DemoSchool(string Id, string Name, IReadOnlyList<DemoUser> Users);

/// <summary>The demo schools and users of <see cref="DevSignInOptions.UsersFile"/>.</summary>
public sealed record DemoDirectory(IReadOnlyList<DemoSchool> Schools)
{
    public static readonly DemoDirectory Empty = new([]);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { ReadCommentHandling = JsonCommentHandling.Skip };

    /// <summary>Reads the file: <c>{ "schools": [ { "id", "name", "users": [ { "id", "name", "role" } ] } ] }</c>.</summary>
    /// <exception cref="InvalidDataException">The file is not such a document.</exception>
    public static DemoDirectory Load(string path)
    {
        DemoDirectory? directory;
        try
        {
            directory = JsonSerializer.Deserialize<DemoDirectory>(File.ReadAllText(path), Json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"not valid JSON ({e.Message})", e);
        }

        if (directory?.Schools is null || directory.Schools.Any(static s => s?.Id is null || s.Users is null || s.Users.Any(static u => u?.Id is null || u.Role is null)))
        {
            throw new InvalidDataException("expected { \"schools\": [ { \"id\", \"name\", \"users\": [ { \"id\", \"name\", \"role\" } ] } ] }");
        }

        return directory;
    }
}
