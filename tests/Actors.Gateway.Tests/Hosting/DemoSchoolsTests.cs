using System.Text;
using Actors.Cli.Seed;
using Actors.Gateway.DevSignIn;
using Actors.Testing;

namespace Actors.Gateway.Tests.Hosting;

/// <summary>
/// One list of demo users: the development sign-in lists <c>scripts/demo/sign-in-users.json</c>, and <c>actors seed</c>
/// rosters the same people from the same file (embedded in the CLI), so every user the page offers is on a roster.
/// </summary>
public sealed class DemoSchoolsTests
{
    private static readonly string UsersFile = Repository.Path("scripts", "demo", "sign-in-users.json");

    [Fact]
    public void The_seed_rosters_exactly_the_teachers_and_students_the_sign_in_page_lists()
    {
        var page = DemoDirectory.Load(UsersFile);

        Assert.Equal(page.Schools.Select(s => (s.Id, s.Name)), DemoSchools.All.Select(s => (s.Id, s.Name)));
        foreach (var (listed, seeded) in page.Schools.Zip(DemoSchools.All))
        {
            Assert.Equal(Users(listed, "teacher"), seeded.Teachers);
            Assert.Equal(Users(listed, "student"), seeded.Students);
            Assert.Equal(Assert.Single(listed.Users, u => u.Role == "school_admin").Id, seeded.AdminId);
            Assert.Contains(seeded.ClassTeacherId, seeded.Teachers.Select(t => t.Id));
        }
    }

    [Fact]
    public void The_seed_embeds_the_current_file()
    {
        using var file = File.OpenRead(UsersFile);

        var fromFile = DemoSchools.Parse(file);

        Assert.Equal(Describe(fromFile), Describe(DemoSchools.All));
    }

    [Fact]
    public void A_school_without_its_class_is_refused_with_a_reason()
    {
        const string json = """{ "schools": [ { "id": "x", "name": "X", "users": [ { "id": "admin", "name": "A", "role": "school_admin" } ] } ] }""";

        var error = Assert.Throws<InvalidDataException>(() => DemoSchools.Parse(new MemoryStream(Encoding.UTF8.GetBytes(json))));

        Assert.Contains("'x'", error.Message, StringComparison.Ordinal);
    }

    private static IEnumerable<(string, string)> Users(Actors.Gateway.DevSignIn.DemoSchool school, string role)
        => school.Users.Where(u => u.Role == role).Select(u => (u.Id, u.Name));

    private static IEnumerable<string> Describe(IEnumerable<Actors.Cli.Seed.DemoSchool> schools)
        => schools.Select(s => $"{s} teachers: {string.Join(",", s.Teachers)} students: {string.Join(",", s.Students)}");
}
