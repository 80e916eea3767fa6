using Actors.Contracts;
using Actors.Contracts.Classes;
using Actors.Contracts.Errors;
using Actors.Contracts.Schools;
using Actors.Contracts.Students;
using Actors.Domain.Tests.Infrastructure;
using Actors.Persistence.CockroachDb.Storage;
using Orleans.Runtime;

namespace Actors.Domain.Tests.Schools;

/// <summary>Roster import (OneRoster CSV rows): applied, idempotent, per-row errors, nothing half-applied, an interrupted import converges.</summary>
[Collection(DomainCollection.Name)]
public sealed class RosterImportTests(DomainCluster cluster)
{
    [Fact]
    public async Task Users_classes_and_enrollments_are_applied_and_importing_them_again_changes_nothing()
    {
        var school = TestSchool.New();
        var files = SmallRoster();

        var first = await ImportAsync(school, files);
        Assert.All(first, r => Assert.Equal(RosterRowOutcome.Applied, r.Outcome));

        // Enrollments from an import are active at once: the teacher sees the student.
        var classes = await school.Grain<IStudentGrain>(cluster, "s1").GetClasses(Caller.Student(school.Id, "s1"));
        Assert.Equal([("c1", MembershipState.Active, "t1")], classes.Select(c => (c.ClassId, c.State, c.TeacherId)));
        Assert.Equal("Year 9 Science", (await school.Grain<IClassGrain>(cluster, "c1").GetDetails(school.Admin)).Title);
        await school.Grain<IStudentGrain>(cluster, "s1").GetClasses(Caller.Teacher(school.Id, "t1"));
        Assert.Equal("Aroha Ngata", (await school.Roster(cluster).GetMember(school.Admin, "s1")).DisplayName);
        var versions = await cluster.VersionsOfSchoolAsync(school.Id);

        var second = await ImportAsync(school, files);

        Assert.All(second, r => Assert.Equal(RosterRowOutcome.Unchanged, r.Outcome));
        Assert.Equal(versions, await cluster.VersionsOfSchoolAsync(school.Id));
    }

    [Fact]
    public async Task Bad_rows_are_reported_by_row_number_and_change_nothing_while_good_rows_are_applied()
    {
        var school = TestSchool.New();
        await school.TeacherAsync(cluster, "already-teacher");
        var users = RosterRows.Number(
        [
            RosterRows.Fields(("sourcedId", "good-1"), ("role", "student"), ("givenName", "Mere"), ("familyName", "Tane")),
            RosterRows.Fields(("sourcedId", ""), ("role", "student"), ("givenName", "No"), ("familyName", "Id")),
            RosterRows.Fields(("sourcedId", "parent-1"), ("role", "guardian"), ("givenName", "Pat"), ("familyName", "Doe")),
            RosterRows.Fields(("sourcedId", "bad id"), ("role", "student"), ("givenName", "Sam"), ("familyName", "Lee")),
            RosterRows.Fields(("sourcedId", "nameless"), ("role", "student"), ("givenName", ""), ("familyName", "")),
            RosterRows.Fields(("sourcedId", "already-teacher"), ("role", "student"), ("givenName", "Ana"), ("familyName", "Ruiz")),
            RosterRows.Fields(("sourcedId", "leaving"), ("role", "student"), ("givenName", "Lee"), ("familyName", "Ho"), ("status", "tobedeleted")),
            RosterRows.Fields(("sourcedId", "good-2"), ("role", "teacher"), ("givenName", ""), ("familyName", ""), ("username", "kiri.t")),
        ]);
        var classes = RosterRows.Classes(("c-good", "Maths"), ("c bad", "Art"), ("c-untitled", ""));
        var enrollments = RosterRows.Enrollments(
            ("c-good", "good-2", "teacher"),
            ("c-good", "good-1", "student"),
            ("c-good", "not-rostered", "student"),
            ("c-unlisted", "good-2", "teacher"),
            ("c-missing", "good-1", "student"),
            ("c-good", "good-1", "aide"));

        var results = await ImportAsync(school, (users, classes, enrollments));

        Assert.Equal(
            [
                (RosterFile.Users, 2, RosterRowOutcome.Applied), (RosterFile.Users, 3, RosterRowOutcome.Failed), (RosterFile.Users, 4, RosterRowOutcome.Failed),
                (RosterFile.Users, 5, RosterRowOutcome.Failed), (RosterFile.Users, 6, RosterRowOutcome.Failed), (RosterFile.Users, 7, RosterRowOutcome.Failed),
                (RosterFile.Users, 8, RosterRowOutcome.Failed), (RosterFile.Users, 9, RosterRowOutcome.Applied),
                (RosterFile.Classes, 2, RosterRowOutcome.Applied), (RosterFile.Classes, 3, RosterRowOutcome.Failed), (RosterFile.Classes, 4, RosterRowOutcome.Failed),
                (RosterFile.Enrollments, 2, RosterRowOutcome.Applied), (RosterFile.Enrollments, 3, RosterRowOutcome.Applied), (RosterFile.Enrollments, 4, RosterRowOutcome.Failed),
                (RosterFile.Enrollments, 5, RosterRowOutcome.Failed), (RosterFile.Enrollments, 6, RosterRowOutcome.Failed), (RosterFile.Enrollments, 7, RosterRowOutcome.Failed),
            ],
            results.Select(r => (r.File, r.RowNumber, r.Outcome)));
        var errors = results.Where(r => r.Outcome == RosterRowOutcome.Failed).ToDictionary(r => (r.File, r.RowNumber), r => r.Error!);
        Assert.Contains("sourcedId is missing", errors[(RosterFile.Users, 3)]);
        Assert.Contains("role 'guardian' is not imported", errors[(RosterFile.Users, 4)]);
        Assert.Contains("sourcedId 'bad id' must be", errors[(RosterFile.Users, 5)]);
        Assert.Contains("needs a name", errors[(RosterFile.Users, 6)]);
        Assert.Contains("one role in a school", errors[(RosterFile.Users, 7)]);
        Assert.Contains("tobedeleted", errors[(RosterFile.Users, 8)]);
        Assert.Contains("title is missing", errors[(RosterFile.Classes, 4)]);
        Assert.Contains("No student 'not-rostered'", errors[(RosterFile.Enrollments, 4)]);
        Assert.Contains("classes.csv", errors[(RosterFile.Enrollments, 5)]);
        Assert.Contains("No class 'c-missing'", errors[(RosterFile.Enrollments, 6)]);
        Assert.Contains("role 'aide'", errors[(RosterFile.Enrollments, 7)]);

        // The good rows are in; the bad ones left no trace.
        var roster = school.Roster(cluster);
        Assert.Equal("kiri.t", (await roster.GetMember(school.Admin, "good-2")).DisplayName);
        Assert.Equal(SchoolRole.Teacher, (await roster.GetMember(school.Admin, "already-teacher")).Role);
        foreach (var absent in new[] { "parent-1", "nameless", "leaving" })
        {
            await Assert.ThrowsAsync<NotFoundException>(() => roster.GetMember(school.Admin, absent));
        }

        Assert.Equal(["good-1"], (await school.Grain<IClassGrain>(cluster, "c-good").GetDetails(school.Admin)).Roster.Select(e => e.StudentId));
        await Assert.ThrowsAsync<NotFoundException>(() => school.Grain<IClassGrain>(cluster, "c-unlisted").GetDetails(school.Admin));
        Assert.Null(await cluster.StoredJsonAsync("class", school.Key("c-missing"), "class"));
    }

    [Fact]
    public async Task Only_the_schools_administrators_import_and_a_malformed_batch_applies_nothing()
    {
        var school = TestSchool.New();
        var roster = school.Roster(cluster);
        var rows = RosterRows.Users(("u1", "student", "A", "B"));
        var teacher = await school.TeacherAsync(cluster);

        await Assert.ThrowsAsync<AccessDeniedException>(() => roster.ImportRoster(teacher, RosterFile.Users, rows));
        await Assert.ThrowsAsync<AccessDeniedException>(() => roster.ImportRoster(Caller.Operator(school.Id, "op"), RosterFile.Users, rows));
        var otherSchool = await Assert.ThrowsAsync<NotFoundException>(() => roster.ImportRoster(Caller.SchoolAdmin("elsewhere", "admin"), RosterFile.Users, rows));
        Assert.Equal(new NotFoundException("school", school.Id).Message, otherSchool.Message);

        await Assert.ThrowsAsync<ValidationException>(() => roster.ImportRoster(school.Admin, RosterFile.Users, []));
        await Assert.ThrowsAsync<ValidationException>(() => roster.ImportRoster(school.Admin, (RosterFile)7, rows));
        await Assert.ThrowsAsync<ValidationException>(() => roster.ImportRoster(school.Admin, RosterFile.Users, [rows[0], rows[0] with { RowNumber = 1 }]));
        var tooMany = Enumerable.Range(0, DomainLimits.RosterRowsPerCall + 1).Select(i => rows[0] with { RowNumber = i + 2 }).ToArray();
        await Assert.ThrowsAsync<ValidationException>(() => roster.ImportRoster(school.Admin, RosterFile.Users, tooMany));

        Assert.Equal([teacher.UserId], (await roster.ListMembers(school.Admin, null, null, 10)).Members.Select(m => m.UserId));
    }

    [Fact]
    public async Task An_import_interrupted_half_way_converges_when_run_again()
    {
        var school = TestSchool.New();
        var files = SmallRoster();

        // Users arrive only in part (s4 is missing); then a class's first write fails, as a silo lost mid-import would leave it.
        await school.Roster(cluster).ImportRoster(school.Admin, RosterFile.Users, [.. files.Users.Where(r => r.Fields["sourcedId"] != "s4")]);
        await school.Roster(cluster).ImportRoster(school.Admin, RosterFile.Classes, files.Classes);
        cluster.Storage.FailNextWrites(school.Grain<IClassGrain>(cluster, "c2").GetGrainId());
        var failure = await Assert.ThrowsAsync<CockroachStorageException>(() => school.Roster(cluster).ImportRoster(school.Admin, RosterFile.Enrollments, files.Enrollments));
        Assert.True(failure.IsTransient);

        var rerun = await ImportAsync(school, files);

        Assert.DoesNotContain(rerun, r => r.Outcome == RosterRowOutcome.Failed);
        foreach (var (classId, studentIds) in new[] { ("c1", new[] { "s1", "s2" }), ("c2", new[] { "s3", "s4" }) })
        {
            var details = await school.Grain<IClassGrain>(cluster, classId).GetDetails(school.Admin);
            Assert.Equal(studentIds.Select(id => (id, RosterState.Active)), details.Roster.Select(e => (e.StudentId, e.State)).Order());
            foreach (var id in studentIds)
            {
                var memberships = await school.Grain<IStudentGrain>(cluster, id).GetClasses(Caller.Student(school.Id, id));
                Assert.Contains(memberships, m => m.ClassId == classId && m.State == MembershipState.Active);
            }
        }

        Assert.All(await ImportAsync(school, files), r => Assert.Equal(RosterRowOutcome.Unchanged, r.Outcome));
    }

    private static (RosterRow[] Users, RosterRow[] Classes, RosterRow[] Enrollments) SmallRoster()
        => (
            RosterRows.Users(
                ("s1", "student", "Aroha", "Ngata"), ("s2", "student", "Liam", "Chen"), ("s3", "student", "Mia", "Tui"), ("s4", "student", "Noah", "Park"),
                ("t1", "teacher", "Hemi", "Walker"), ("t2", "teacher", "Sara", "Jones")),
            RosterRows.Classes(("c1", "Year 9 Science"), ("c2", "Year 9 Maths")),
            RosterRows.Enrollments(
                ("c1", "t1", "teacher"), ("c1", "s1", "student"), ("c1", "s2", "student"),
                ("c2", "s3", "student"), ("c2", "t2", "teacher"), ("c2", "s4", "student")));

    private async Task<List<(RosterFile File, int RowNumber, RosterRowOutcome Outcome, string? Error)>> ImportAsync(
        TestSchool school, (RosterRow[] Users, RosterRow[] Classes, RosterRow[] Enrollments) files)
    {
        var results = new List<(RosterFile, int, RosterRowOutcome, string?)>();
        foreach (var (file, rows) in new[] { (RosterFile.Users, files.Users), (RosterFile.Classes, files.Classes), (RosterFile.Enrollments, files.Enrollments) })
        {
            results.AddRange((await school.Roster(cluster).ImportRoster(school.Admin, file, rows)).Select(r => (file, r.RowNumber, r.Outcome, r.Error)));
        }

        return results;
    }
}
