using Actors.Contracts;
using Actors.Contracts.Audit;
using Actors.Contracts.Classes;
using Actors.Contracts.Errors;
using Actors.Contracts.Students;
using Actors.Domain.Tests.Infrastructure;

namespace Actors.Domain.Tests.Students;

/// <summary>Every read of a student's records by someone else is in the audit trail the school's administrators list.</summary>
[Collection(DomainCollection.Name)]
public sealed class AuditTrailTests(DomainCluster cluster)
{
    [Fact]
    public async Task Reads_by_a_teacher_and_a_school_admin_are_listed_in_order_and_the_students_own_are_not()
    {
        var school = TestSchool.New();
        var (student, teacher) = (await school.StudentAsync(cluster), await school.TeacherAsync(cluster));
        var otherTeacher = await school.TeacherAsync(cluster);
        var grain = school.Grain<IStudentGrain>(cluster, student.UserId);
        await grain.UpdateProfile(student, new StudentProfile { Name = "Aroha", School = "Kura", YearLevel = 9 });
        var classId = TestIds.New("class");
        await school.Grain<IClassGrain>(cluster, classId).Create(school.Admin, new ClassDraft("Science", teacher.UserId));
        await school.Grain<IClassGrain>(cluster, classId).Enroll(school.Admin, student.UserId);

        await grain.GetProfile(student);
        await grain.GetGoals(student);
        await grain.GetProfile(teacher);
        await grain.GetGoals(teacher);
        await grain.GetReflections(teacher);
        await Assert.ThrowsAsync<AccessDeniedException>(() => grain.GetProfile(otherTeacher));
        await grain.GetResume(school.Admin);
        await grain.GetActivities(school.Admin);
        await grain.GetClasses(school.Admin);
        await grain.GetPageViews(school.Admin);

        var events = await ListAllAsync(school, student.UserId, pageSize: 3);

        Assert.Equal(
            [
                (teacher.UserId, CallerRole.Teacher, "StudentService.GetProfile"),
                (teacher.UserId, CallerRole.Teacher, "StudentService.ListGoals"),
                (teacher.UserId, CallerRole.Teacher, "StudentService.ListReflections"),
                (school.Admin.UserId, CallerRole.SchoolAdmin, "StudentService.GetResume"),
                (school.Admin.UserId, CallerRole.SchoolAdmin, "StudentService.ListActivities"),
                (school.Admin.UserId, CallerRole.SchoolAdmin, "StudentService.ListClasses"),
                (school.Admin.UserId, CallerRole.SchoolAdmin, "StudentService.GetPageViews"),
            ],
            events.Select(e => (e.ActorId, e.ActorRole, e.Action)));
        Assert.All(events, e => Assert.Equal((school.Id, student.UserId), (e.SchoolId, e.StudentId)));
        Assert.True(events.Zip(events.Skip(1)).All(p => p.First.At <= p.Second.At));
    }

    [Fact]
    public async Task Only_the_schools_administrators_list_the_trail_and_only_of_a_rostered_student()
    {
        var school = TestSchool.New();
        var student = await school.StudentAsync(cluster);
        var teacher = await school.TeacherAsync(cluster);
        var roster = school.Roster(cluster);

        await Assert.ThrowsAsync<AccessDeniedException>(() => roster.ListAuditEvents(teacher, student.UserId, null, 10));
        await Assert.ThrowsAsync<AccessDeniedException>(() => roster.ListAuditEvents(student, student.UserId, null, 10));
        await Assert.ThrowsAsync<AccessDeniedException>(() => roster.ListAuditEvents(Caller.Operator(school.Id, "op"), student.UserId, null, 10));
        var elsewhere = await Assert.ThrowsAsync<NotFoundException>(() => roster.ListAuditEvents(Caller.SchoolAdmin("elsewhere", "admin"), student.UserId, null, 10));
        Assert.Equal(new NotFoundException("school", school.Id).Message, elsewhere.Message);
        var nobody = await Assert.ThrowsAsync<NotFoundException>(() => roster.ListAuditEvents(school.Admin, "nobody", null, 10));
        var aTeacher = await Assert.ThrowsAsync<NotFoundException>(() => roster.ListAuditEvents(school.Admin, teacher.UserId, null, 10));
        Assert.Equal(nobody.Message.Replace("nobody", teacher.UserId, StringComparison.Ordinal), aTeacher.Message);
        await Assert.ThrowsAsync<ValidationException>(() => roster.ListAuditEvents(school.Admin, student.UserId, null, 0));
        await Assert.ThrowsAsync<ValidationException>(() => roster.ListAuditEvents(school.Admin, "bad id", null, 10));
    }

    [Fact]
    public async Task The_timer_appends_buffered_events_without_any_other_call()
    {
        var school = TestSchool.New();
        var student = await school.StudentAsync(cluster);

        await school.Grain<IStudentGrain>(cluster, student.UserId).GetClasses(school.Admin);

        await Eventually.HoldsAsync(async () => await StoredEventsAsync(cluster, school, student.UserId) == 1, "the timer appended the read's event");
    }

    [Fact]
    public async Task A_read_after_the_timer_stopped_for_want_of_events_starts_it_again()
    {
        var school = TestSchool.New();
        var student = await school.StudentAsync(cluster);
        var grain = school.Grain<IStudentGrain>(cluster, student.UserId);
        await grain.GetClasses(school.Admin);
        await Eventually.HoldsAsync(async () => await StoredEventsAsync(cluster, school, student.UserId) == 1, "the timer appended the first read's event");

        // The tick after that append finds nothing and stops the timer (an idle activation holds none). Nothing outside
        // the grain shows that tick, so the test lets it pass: three intervals (1 s each here), margin for a busy machine.
        await Task.Delay(TimeSpan.FromSeconds(3));
        await grain.GetClasses(school.Admin);

        // Only a timer started again by this read can append its event: the buffer is far from full, nothing lists the trail.
        await Eventually.HoldsAsync(async () => await StoredEventsAsync(cluster, school, student.UserId) == 2, "the restarted timer appended the second read's event");
    }

    internal static async Task<List<AuditEvent>> ListAllAsync(TestSchool school, DomainCluster cluster, string studentId, int pageSize)
    {
        var all = new List<AuditEvent>();
        AuditCursor? after = null;
        AuditEventPage page;
        do
        {
            page = await school.Roster(cluster).ListAuditEvents(school.Admin, studentId, after, pageSize);
            all.AddRange(page.Events);
            after = page.Events.LastOrDefault()?.Cursor;
        }
        while (page.HasMore);
        return all;
    }

    /// <summary>The student's rows in the audit table, straight from the database.</summary>
    internal static async Task<long> StoredEventsAsync(DomainCluster cluster, TestSchool school, string studentId)
        => (long)(await cluster.Database.ScalarAsync(
            "SELECT count(*) FROM actors_audit_event WHERE service_id = $1 AND school_id = $2 AND student_id = $3",
            cluster.ServiceId, school.Id, studentId))!;

    private Task<List<AuditEvent>> ListAllAsync(TestSchool school, string studentId, int pageSize) => ListAllAsync(school, cluster, studentId, pageSize);
}

/// <summary>Audit events are buffered, not written per read, and none is lost on deactivation or a graceful stop.</summary>
public sealed class AuditBufferTests : IClassFixture<LongAuditFlushCluster>
{
    private readonly LongAuditFlushCluster _cluster;

    public AuditBufferTests(LongAuditFlushCluster cluster) => _cluster = cluster;

    [Fact]
    public async Task Reads_write_nothing_until_the_student_deactivates_then_every_event_is_appended()
    {
        var school = TestSchool.New();
        var student = await school.StudentAsync(_cluster);
        var grain = school.Grain<IStudentGrain>(_cluster, student.UserId);

        for (var i = 0; i < 50; i++)
        {
            await grain.GetClasses(school.Admin);
        }

        Assert.Equal(0, await AuditTrailTests.StoredEventsAsync(_cluster, school, student.UserId));
        await _cluster.DeactivateAsync(grain);
        Assert.Equal(50, await AuditTrailTests.StoredEventsAsync(_cluster, school, student.UserId));
    }

    [Fact]
    public async Task A_graceful_stop_of_the_silo_loses_no_event()
    {
        // A silo of its own, to stop.
        var cluster = new LongAuditFlushCluster();
        await cluster.InitializeAsync();
        try
        {
            var school = TestSchool.New();
            var students = new List<string>();
            for (var s = 0; s < 5; s++)
            {
                var student = await school.StudentAsync(cluster);
                students.Add(student.UserId);
                for (var i = 0; i < 7; i++)
                {
                    await school.Grain<IStudentGrain>(cluster, student.UserId).GetClasses(school.Admin);
                }
            }

            Assert.Equal(0, await AuditTrailTests.StoredEventsAsync(cluster, school, students[0]));
            await cluster.Cluster.StopSiloAsync(cluster.Cluster.Silos[0]);

            foreach (var id in students)
            {
                Assert.Equal(7, await AuditTrailTests.StoredEventsAsync(cluster, school, id));
            }
        }
        finally
        {
            await cluster.DisposeAsync();
        }
    }
}
