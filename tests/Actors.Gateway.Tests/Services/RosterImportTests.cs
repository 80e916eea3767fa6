using System.Text;
using Actors.Api.Client.Roster;
using Actors.Api.V1;
using Actors.Gateway.Tests.Infrastructure;
using Grpc.Core;

namespace Actors.Gateway.Tests.Services;

/// <summary>OneRoster CSV files imported through the gateway with the client the CLI uses (<see cref="RosterImport"/>).</summary>
[Collection(GatewayCollection.Name)]
public sealed class RosterImportTests(GatewayFixture fixture) : IDisposable
{
    private readonly DirectoryInfo _files = Directory.CreateTempSubdirectory("roster-");

    public void Dispose() => _files.Delete(recursive: true);

    [Fact]
    public async Task A_few_thousand_rows_import_in_batches_and_importing_them_again_changes_nothing()
    {
        const int Classes = 30, StudentsPerClass = 50;
        var school = TestIds.New("school");
        var admin = User.Admin(school);
        var users = new StringBuilder("sourcedId,status,role,username,givenName,familyName\n");
        var classes = new StringBuilder("sourcedId,title,classType\n");
        var enrollments = new StringBuilder("sourcedId,classSourcedId,userSourcedId,role\n");
        for (var c = 0; c < Classes; c++)
        {
            users.Append($"t{c},active,teacher,teacher.{c},Teacher,\"Number {c}\"\n");
            classes.Append($"c{c},\"Science, group {c}\",scheduled\n");
            for (var s = 0; s < StudentsPerClass; s++)
            {
                var id = $"s{(c * StudentsPerClass) + s}";
                users.Append($"{id},active,student,{id},Student,{id}\n");
                enrollments.Append($"e-{c}-{id},c{c},{id},student\n");
            }

            // The teacher's row comes last in the file: the client sends teacher rows first.
            enrollments.Append($"e-{c}-t{c},c{c},t{c},teacher\n");
        }

        var files = ReadAll(("users.csv", users, RosterFile.Users), ("classes.csv", classes, RosterFile.Classes), ("enrollments.csv", enrollments, RosterFile.Enrollments));
        var rows = files.Sum(f => f.Rows.Count);
        Assert.Equal((2 * Classes) + (2 * Classes * StudentsPerClass) + Classes, rows);
        var progress = new List<RosterImportProgress>();

        var first = await Importer(admin).RunAsync(files, new Recorder(progress));

        Assert.Empty(first.Errors);
        Assert.Equal((rows, 0), (first.Applied, first.Unchanged));
        Assert.Equal(files.Select(f => (f.Name, f.Rows.Count)), progress.GroupBy(p => p.FileName).Select(g => (g.Key, g.Max(p => p.RowsDone))));
        var details = await fixture.Classes.GetClassAsync(new() { ClassId = "c7" }, admin.Call);
        Assert.Equal(("Science, group 7", "t7"), (details.Title, details.TeacherId));
        var roster = await fixture.Classes.ListRosterAsync(new() { ClassId = "c7", PageSize = 500 }, admin.Call);
        Assert.Equal(StudentsPerClass, roster.Entries.Count(e => e.State == RosterState.Active));
        var teacherView = await fixture.Students.ListClassesAsync(new() { StudentId = "s360" }, new User(school, "t7", "teacher").Call);
        Assert.Equal(["c7"], teacherView.Classes.Select(c => c.ClassId));
        var versions = await VersionsAsync(school);

        var second = await Importer(admin).RunAsync(files);

        Assert.Equal((0, rows, 0), (second.Applied, second.Unchanged, second.Errors.Count));
        Assert.Equal(versions, await VersionsAsync(school));
    }

    [Fact]
    public async Task Bad_rows_are_reported_with_file_and_row_and_the_good_rows_are_applied()
    {
        var school = TestIds.New("school");
        var admin = User.Admin(school);
        var files = ReadAll(
            ("users.csv", new StringBuilder("sourcedId,role,givenName,familyName\nu1,student,Aroha,Ngata\nu2,student,Too,Many,Fields\nu3,administrator,Ms,Boss\n\"u4\",\"student\",\"Liam\",\"Chen\"\n"), RosterFile.Users),
            ("enrollments.csv", new StringBuilder("classSourcedId,userSourcedId,role\nnowhere,u1,student\n"), RosterFile.Enrollments));

        var report = await Importer(admin).RunAsync(files);

        Assert.Equal(2, report.Applied);
        Assert.Equal(
            [("enrollments.csv", 2), ("users.csv", 3), ("users.csv", 4)],
            report.Errors.Select(e => (e.FileName, e.RowNumber)));
        Assert.Contains("has 5 fields; the header has 4", report.Errors[1].Error);
        Assert.Contains("role 'administrator' is not imported", report.Errors[2].Error);
        Assert.Equal("users.csv row 4: " + report.Errors[2].Error, report.Errors[2].ToString());
        var members = await fixture.Roster.ListMembersAsync(new() { PageSize = 10 }, admin.Call);
        Assert.Equal(["u1", "u4"], members.Members.Select(m => m.UserId));
    }

    [Fact]
    public async Task A_malformed_batch_is_invalid_argument_and_applies_nothing()
    {
        var school = TestIds.New("school");
        var admin = User.Admin(school);
        var row = new RosterRow { RowNumber = 2, Fields = { ["sourcedId"] = "u1", ["role"] = "student", ["givenName"] = "A", ["familyName"] = "B" } };
        var requests = new[]
        {
            new ImportRosterRequest { Rows = { row } },
            new ImportRosterRequest { File = RosterFile.Users },
            new ImportRosterRequest { File = RosterFile.Users, Rows = { row, new RosterRow(row) { RowNumber = 0 } } },
            new ImportRosterRequest { File = RosterFile.Users, Rows = { Enumerable.Range(2, 1001).Select(n => new RosterRow(row) { RowNumber = n }) } },
        };

        foreach (var request in requests)
        {
            var error = await Assert.ThrowsAsync<RpcException>(() => fixture.Roster.ImportRosterAsync(request, admin.Call).ResponseAsync);
            Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
            Assert.StartsWith("Invalid request: ", error.Status.Detail);
        }

        Assert.Empty((await fixture.Roster.ListMembersAsync(new() { PageSize = 10 }, admin.Call)).Members);
    }

    private List<RosterCsvFile> ReadAll(params (string Name, StringBuilder Text, RosterFile File)[] files)
    {
        var read = new List<RosterCsvFile>();
        foreach (var (name, text, file) in files)
        {
            var path = Path.Combine(_files.FullName, name);
            File.WriteAllText(path, text.ToString());
            read.Add(RosterCsv.Read(path, file));
        }

        return read;
    }

    private RosterImport Importer(User admin)
        => new(fixture.Roster, ct => Api.Client.Bearer.Options(admin.Token, DateTime.UtcNow.AddSeconds(60), ct)) { BatchSize = 250 };

    /// <summary>Every grain row of the school and its version, straight from the table.</summary>
    private async Task<string?> VersionsAsync(string school)
        => (string?)await fixture.Cluster.Db.ScalarAsync(
            "SELECT string_agg(grain_type || ' ' || grain_key || ' ' || version, ', ' ORDER BY grain_type, grain_key) FROM orleans_grain_state WHERE service_id = $1 AND (grain_key = $2 OR grain_key LIKE $3)",
            fixture.Cluster.Cluster.Options.ServiceId, school, school + "/%");

    private sealed class Recorder(List<RosterImportProgress> seen) : IProgress<RosterImportProgress>
    {
        public void Report(RosterImportProgress value) => seen.Add(value);
    }
}
