using Actors.Contracts;
using Actors.Contracts.Classes;
using Actors.Contracts.Documents;
using Actors.Contracts.Errors;
using Actors.Contracts.Schools;
using Actors.Contracts.Students;
using Actors.Domain.Tests.Documents;
using Actors.Domain.Tests.Infrastructure;
using Actors.Persistence.CockroachDb.Storage;
using Orleans.Runtime;

namespace Actors.Domain.Tests.Schools;

/// <summary>A student's records as a whole: exported with every kind of record; erased leaving no trace in any grain row.</summary>
[Collection(DomainCollection.Name)]
public sealed class StudentRecordsTests(DomainCluster cluster)
{
    [Fact]
    public async Task The_export_holds_every_kind_of_record_of_the_student_and_is_audited()
    {
        var s = await ArrangeAsync();

        var export = await s.School.Roster(cluster).ExportStudentRecords(s.School.Admin, s.Student.UserId);

        Assert.Equal((s.School.Id, s.Student.UserId, "Student of record"), (export.SchoolId, export.StudentId, export.Member!.DisplayName));
        var records = export.Student;
        Assert.Equal("Aroha Ngata", records.Profile!.Name);
        Assert.Equal(["g1"], records.Goals.Select(g => g.Id));
        Assert.Equal([("a1", 2.5m)], records.Activities.Select(a => (a.Id, a.TotalHours)));
        Assert.Equal(["r-private", "r-shared"], records.Reflections.Select(r => r.Id).Order());
        Assert.NotNull(records.Resume);
        Assert.Equal([s.ClassId], records.Classes.Select(c => c.ClassId));
        Assert.Equal(1, records.PageViews["/goals"]);
        Assert.NotNull(records.RosteredAt);

        var inClass = Assert.Single(export.Classes);
        Assert.Equal((s.ClassId, RosterState.Active), (inClass.ClassId, inClass.Enrollment!.State));
        Assert.Equal([(s.AssignmentId, s.CopyId, SubmissionStatus.InProgress)], inClass.Submissions.Select(w => (w.AssignmentId, w.CopyDocumentId, w.Status)));

        var copy = Assert.Single(export.Documents, d => d.OwnedByStudent);
        Assert.Equal(s.CopyId, copy.Document.DocumentId);
        Assert.Equal(["n-copy", "n-feedback"], copy.Annotations.Select(a => a.Id));
        var shared = Assert.Single(export.Documents, d => !d.OwnedByStudent);
        Assert.Equal(s.SharedDocumentId, shared.Document.DocumentId);
        Assert.Equal(["n-shared"], shared.Annotations.Select(a => a.Id));

        var audit = await s.School.Roster(cluster).ListAuditEvents(s.School.Admin, s.Student.UserId, null, 50);
        Assert.Contains(audit.Events, e => e.Action == "SchoolService.ExportStudentRecords" && e.ActorId == s.School.Admin.UserId);
    }

    [Fact]
    public async Task Erasure_leaves_no_trace_in_any_grain_row_keeps_others_work_and_is_not_repeated()
    {
        var s = await ArrangeAsync();
        var studentRow = await RowAsync("student", s.School.Key(s.Student.UserId));
        await s.School.Grain<IStudentGrain>(cluster, s.Student.UserId).GetActivities(s.School.Admin);
        Assert.True(await ItemRowsOfStudentAsync(s) >= 4); // goal, activity, two reflections: one row each

        await s.School.Roster(cluster).EraseStudent(s.School.Admin, s.Student.UserId);

        // No row's state mentions the student; the student's own rows are tombstones whose version moved on.
        Assert.Equal(0L, await cluster.Database.ScalarAsync(
            "SELECT count(*) FROM orleans_grain_state WHERE service_id = $1 AND state::text LIKE $2", cluster.ServiceId, $"%{s.Student.UserId}%"));
        var erased = await RowAsync("student", s.School.Key(s.Student.UserId));
        Assert.Null(erased.State);
        Assert.Equal(0L, await ItemRowsOfStudentAsync(s)); // the item rows went with the tombstone
        Assert.Equal(0L, await cluster.Database.ScalarAsync(
            "SELECT count(*) FROM orleans_grain_state_items WHERE service_id = $1 AND (item::text LIKE $2 OR item::text LIKE '%Hard week.%')",
            cluster.ServiceId, $"%{s.Student.UserId}%"));
        Assert.True(erased.Version > studentRow.Version);
        Assert.Null((await RowAsync("document", s.School.Key(s.CopyId))).Title);

        // Everyone else's work stays: the other student's annotation, their enrollment, the class, the document.
        var teacherView = await s.School.Grain<IDocumentGrain>(cluster, s.SharedDocumentId).GetAnnotations(s.Teacher);
        Assert.Equal(["n-other"], teacherView.Annotations.Select(a => a.Id));
        var details = await s.School.Grain<IClassGrain>(cluster, s.ClassId).GetDetails(s.School.Admin);
        Assert.Equal([s.Other.UserId], details.Roster.Select(e => e.StudentId));
        Assert.DoesNotContain(details.Assignments.Single().Work, w => w.StudentId == s.Student.UserId);
        await Assert.ThrowsAsync<NotFoundException>(() => s.School.Grain<IDocumentGrain>(cluster, s.CopyId).GetInfo(s.Teacher));

        // The student is no one now; repeating the erasure succeeds as the first did and changes nothing; their audit
        // trail (the export read by the admin before) stays listable.
        var roster = s.School.Roster(cluster);
        await Assert.ThrowsAsync<NotFoundException>(() => s.School.Grain<IStudentGrain>(cluster, s.Student.UserId).GetGoals(s.School.Admin));
        await Assert.ThrowsAsync<NotFoundException>(() => roster.GetMember(s.School.Admin, s.Student.UserId));
        await Assert.ThrowsAsync<NotFoundException>(() => roster.ExportStudentRecords(s.School.Admin, s.Student.UserId));
        var versions = await cluster.VersionsOfSchoolAsync(s.School.Id);
        await roster.EraseStudent(s.School.Admin, s.Student.UserId);
        await cluster.DeactivateAsync(roster);
        await roster.EraseStudent(s.School.Admin, s.Student.UserId);
        Assert.Equal(versions, await cluster.VersionsOfSchoolAsync(s.School.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => roster.EraseStudent(s.School.Admin, "never-rostered"));
        var trail = await roster.ListAuditEvents(s.School.Admin, s.Student.UserId, null, 50);
        Assert.Contains(trail.Events, e => e.Action == "StudentService.ListActivities" && e.ActorId == s.School.Admin.UserId);
        await Assert.ThrowsAsync<NotFoundException>(() => roster.ListAuditEvents(s.School.Admin, "never-rostered", null, 50));

        // Rostered again, the same id starts empty.
        await s.School.StudentAsync(cluster, s.Student.UserId);
        Assert.Empty(await s.School.Grain<IStudentGrain>(cluster, s.Student.UserId).GetGoals(s.Student));
    }

    [Fact]
    public async Task An_erasure_cut_short_is_finished_by_the_school_on_its_next_activation()
    {
        var s = await ArrangeAsync();
        var student = s.School.Grain<IStudentGrain>(cluster, s.Student.UserId);
        cluster.Storage.FailNextWrites(student.GetGrainId());

        var failure = await Assert.ThrowsAsync<CockroachStorageException>(() => s.School.Roster(cluster).EraseStudent(s.School.Admin, s.Student.UserId));
        Assert.True(failure.IsTransient);
        Assert.NotNull((await RowAsync("student", s.School.Key(s.Student.UserId))).State);
        Assert.Contains(s.Student.UserId, (await RowAsync("school", s.School.Id)).State);

        // As after a silo kill: the school's memory is gone; its next activation finishes what its row records.
        await cluster.DeactivateAsync(s.School.Roster(cluster));
        await s.School.Roster(cluster).ListMembers(s.School.Admin, null, null, 1);

        await Eventually.HoldsAsync(
            async () => (long)(await cluster.Database.ScalarAsync(
                "SELECT count(*) FROM orleans_grain_state WHERE service_id = $1 AND state::text LIKE $2", cluster.ServiceId, $"%{s.Student.UserId}%"))! == 0,
            "no grain row mentions the erased student");
        Assert.Null((await RowAsync("student", s.School.Key(s.Student.UserId))).State);
    }

    [Fact]
    public async Task Only_the_schools_administrators_export_or_erase_and_only_students()
    {
        var school = TestSchool.New();
        var student = await school.StudentAsync(cluster);
        var teacher = await school.TeacherAsync(cluster);
        var roster = school.Roster(cluster);

        await Assert.ThrowsAsync<AccessDeniedException>(() => roster.ExportStudentRecords(teacher, student.UserId));
        await Assert.ThrowsAsync<AccessDeniedException>(() => roster.EraseStudent(student, student.UserId));
        await Assert.ThrowsAsync<AccessDeniedException>(() => roster.EraseStudent(Caller.Operator(school.Id, "op"), student.UserId));
        var elsewhere = await Assert.ThrowsAsync<NotFoundException>(() => roster.EraseStudent(Caller.SchoolAdmin("elsewhere", "admin"), student.UserId));
        Assert.Equal(new NotFoundException("school", school.Id).Message, elsewhere.Message);
        await Assert.ThrowsAsync<NotFoundException>(() => roster.EraseStudent(school.Admin, teacher.UserId));
        await Assert.ThrowsAsync<NotFoundException>(() => roster.ExportStudentRecords(school.Admin, "nobody"));
        await Assert.ThrowsAsync<ValidationException>(() => roster.EraseStudent(school.Admin, "bad id"));
        await Assert.ThrowsAsync<ValidationException>(() => roster.ExportStudentRecords(school.Admin, ""));

        Assert.Equal(SchoolRole.Teacher, (await roster.GetMember(school.Admin, teacher.UserId)).Role);
        Assert.Empty(await school.Grain<IStudentGrain>(cluster, student.UserId).GetGoals(student));
    }

    /// <summary>The item rows of the student's grain (goals, activities, reflections, page views: one row each).</summary>
    private async Task<long> ItemRowsOfStudentAsync(Scenario s)
        => (long)(await cluster.Database.ScalarAsync(
            "SELECT count(*) FROM orleans_grain_state_items WHERE service_id = $1 AND grain_type = 'student' AND grain_key = $2",
            cluster.ServiceId, s.School.Key(s.Student.UserId)))!;

    private sealed record Scenario(TestSchool School, Caller Student, Caller Other, Caller Teacher, string ClassId, string SharedDocumentId, string AssignmentId, string CopyId);

    /// <summary>A student with one of everything: profile, goal, activity with hours, reflections (private, shared), page views, a class, work on an assignment, annotations in a shared document and in their copy.</summary>
    private async Task<Scenario> ArrangeAsync()
    {
        var school = TestSchool.New();
        var id = TestIds.New("student");
        await school.Roster(cluster).AddMember(school.Admin, id, new SchoolMemberDraft(SchoolRole.Student, "Student of record"));
        var student = Caller.Student(school.Id, id);
        var other = await school.StudentAsync(cluster);
        var teacher = await school.TeacherAsync(cluster);
        var (classId, documentId, assignmentId) = (TestIds.New("class"), TestIds.New("doc"), TestIds.New("assignment"));
        var cls = school.Grain<IClassGrain>(cluster, classId);
        await cls.Create(school.Admin, new ClassDraft("Science", teacher.UserId));
        await cls.Enroll(school.Admin, id);
        await cls.Enroll(school.Admin, other.UserId);
        var shared = school.Grain<IDocumentGrain>(cluster, documentId);
        await shared.Create(teacher, new DocumentDraft("Cells", 3, "s3://docs/cells.pdf"));
        await shared.ShareWithClass(teacher, classId);
        await cls.AssignDocument(teacher, assignmentId, new AssignmentDraft(documentId, DateTimeOffset.UtcNow.AddDays(7)));
        var copyId = DocumentCopyId.For(classId, assignmentId, id);

        var grain = school.Grain<IStudentGrain>(cluster, id);
        await grain.UpdateProfile(student, new StudentProfile { Name = "Aroha Ngata", School = "Kura", YearLevel = 9 });
        await grain.CreateGoal(student, "g1", new GoalDraft("Read more"));
        await grain.CommitToActivity(student, "a1", new ActivityDraft("Chess club"));
        await grain.LogHours(student, "a1", new HoursEntry { EntryId = "h1", Hours = 2.5m, On = DateOnly.FromDateTime(DateTime.UtcNow) });
        await grain.WriteReflection(student, "r-private", new ReflectionDraft("Hard week.", ReflectionSubject.Goal, "g1"));
        await grain.WriteReflection(student, "r-shared", new ReflectionDraft("Good week.", ReflectionSubject.Goal, "g1"));
        await grain.ShareReflection(student, "r-shared", classId);
        await grain.RecordPageView(student, "/goals");

        await shared.AddAnnotation(student, DocumentFactory.Comment("n-shared", "Why?"));
        await shared.AddAnnotation(other, DocumentFactory.Comment("n-other", "Because."));
        await shared.AddAnnotation(student, DocumentFactory.Highlight("n-deleted"));
        await shared.DeleteAnnotation(student, "n-deleted");
        var copy = school.Grain<IDocumentGrain>(cluster, copyId);
        await copy.AddAnnotation(student, DocumentFactory.Ink("n-copy"));
        await copy.AddAnnotation(teacher, DocumentFactory.Comment("n-feedback", "Good start"));
        await cls.SetSubmissionStatus(student, assignmentId, id, SubmissionStatus.InProgress);
        return new Scenario(school, student, other, teacher, classId, documentId, assignmentId, copyId);
    }

    private async Task<(long Version, string? State, string? Title)> RowAsync(string grainType, string key)
    {
        var version = (long)(await cluster.Database.ScalarAsync(
            "SELECT version FROM orleans_grain_state WHERE service_id = $1 AND grain_type = $2 AND grain_key = $3", cluster.ServiceId, grainType, key))!;
        var state = await cluster.Database.ScalarAsync(
            "SELECT state::text FROM orleans_grain_state WHERE service_id = $1 AND grain_type = $2 AND grain_key = $3", cluster.ServiceId, grainType, key);
        var title = await cluster.Database.ScalarAsync(
            "SELECT state->>'title' FROM orleans_grain_state WHERE service_id = $1 AND grain_type = $2 AND grain_key = $3", cluster.ServiceId, grainType, key);
        return (version, state as string, title as string);
    }
}
