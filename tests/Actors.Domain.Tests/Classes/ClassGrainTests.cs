using Actors.Contracts;
using Actors.Contracts.Classes;
using Actors.Contracts.Errors;
using Actors.Contracts.Students;
using Actors.Domain.Tests.Infrastructure;

namespace Actors.Domain.Tests.Classes;

/// <summary>Classes: roster, assignments with students' copies, submission status, and who may do what.</summary>
[Collection(DomainCollection.Name)]
public sealed class ClassGrainTests(DomainCluster cluster)
{
    [Fact]
    public async Task Enrolling_updates_the_roster_and_the_students_class_lists()
    {
        var setup = await ClassSetup.CreateAsync(cluster, students: 3);

        var details = await setup.Class.GetDetails(setup.Teacher);
        Assert.Equal(setup.StudentIds, details.Roster.Select(e => e.StudentId));
        Assert.All(details.Roster, e => Assert.Equal(RosterState.Active, e.State));
        foreach (var studentId in setup.StudentIds)
        {
            var membership = Assert.Single(await setup.StudentGrain(cluster, studentId).GetClasses(Caller.Student(setup.School.Id, studentId)));
            Assert.Equal((setup.ClassId, "Year 9 Science", setup.Teacher.UserId, MembershipState.Active), (membership.ClassId, membership.Title, membership.TeacherId, membership.State));
        }
    }

    [Fact]
    public async Task Repeating_an_enrollment_or_a_removal_changes_nothing()
    {
        var setup = await ClassSetup.CreateAsync(cluster, students: 1);
        var studentId = setup.StudentIds[0];
        var student = setup.StudentGrain(cluster, studentId);
        var (classWrites, studentWrites) = (cluster.WritesOf(setup.Class), cluster.WritesOf(student));

        var again = await setup.Class.Enroll(setup.School.Admin, studentId);
        var byTheTeacher = await setup.Class.Enroll(setup.Teacher, studentId);

        Assert.Single(again.Roster);
        Assert.Equal(RosterState.Active, Assert.Single(byTheTeacher.Roster).State);
        Assert.Equal([setup.ClassId], await setup.ClassesOfAsync(cluster, studentId));
        Assert.Equal((classWrites, studentWrites), (cluster.WritesOf(setup.Class), cluster.WritesOf(student)));

        await setup.Class.Remove(setup.Teacher, studentId);
        var removedAgain = await setup.Class.Remove(setup.Teacher, studentId);
        Assert.Empty(removedAgain.Roster);
        Assert.Empty(await setup.ClassesOfAsync(cluster, studentId));
    }

    [Fact]
    public async Task Assigning_gives_every_student_their_own_copy_linked_to_the_original()
    {
        var setup = await ClassSetup.CreateAsync(cluster, students: 3);

        var assignment = await setup.Class.AssignDocument(setup.Teacher, "hw1", setup.Worksheet());

        Assert.Equal("Photosynthesis worksheet", assignment.Title);
        Assert.Equal(setup.StudentIds, assignment.Work.Select(w => w.StudentId));
        for (var i = 0; i < setup.StudentIds.Count; i++)
        {
            var studentId = setup.StudentIds[i];
            var copy = await setup.CopyFor(cluster, "hw1", studentId).GetInfo(setup.Student(i));
            Assert.Equal((studentId, setup.WorksheetId, setup.ClassId, "hw1"), (copy.OwnerId, copy.Origin!.OriginalDocumentId, copy.Origin.ClassId, copy.Origin.AssignmentId));
            Assert.Equal([setup.Teacher.UserId], copy.ReaderIds);
            Assert.Equal(SubmissionStatus.NotStarted, assignment.Work.Single(w => w.StudentId == studentId).Status);
        }

        // Each copy is the student's own: another student cannot open it; the teacher can.
        await Assert.ThrowsAsync<AccessDeniedException>(() => setup.CopyFor(cluster, "hw1", setup.StudentIds[0]).GetInfo(setup.Student(1)));
        await setup.CopyFor(cluster, "hw1", setup.StudentIds[0]).AddAnnotation(setup.Teacher, Documents.DocumentFactory.Comment("feedback"));
    }

    [Fact]
    public async Task A_student_enrolled_later_gets_copies_of_the_existing_assignments()
    {
        var setup = await ClassSetup.CreateAsync(cluster, students: 1);
        await setup.Class.AssignDocument(setup.Teacher, "hw1", setup.Worksheet());
        var latecomer = await setup.School.StudentAsync(cluster);

        await setup.Class.Enroll(setup.School.Admin, latecomer.UserId);

        var work = await setup.Class.GetSubmissions(setup.Teacher, "hw1");
        Assert.Contains(work, w => w.StudentId == latecomer.UserId);
        Assert.Equal(latecomer.UserId, (await setup.CopyFor(cluster, "hw1", latecomer.UserId).GetInfo(latecomer)).OwnerId);
    }

    [Fact]
    public async Task Submission_status_moves_as_students_and_teachers_may_move_it()
    {
        var setup = await ClassSetup.CreateAsync(cluster, students: 2);
        await setup.Class.AssignDocument(setup.Teacher, "hw1", setup.Worksheet());
        var (studentId, classmateId) = (setup.StudentIds[0], setup.StudentIds[1]);
        var student = setup.Student(0);

        await Assert.ThrowsAsync<ConflictException>(() => setup.Class.SetSubmissionStatus(setup.Teacher, "hw1", studentId, SubmissionStatus.Returned));
        await setup.Class.SetSubmissionStatus(student, "hw1", studentId, SubmissionStatus.InProgress);
        await setup.Class.SetSubmissionStatus(student, "hw1", studentId, SubmissionStatus.Submitted);
        await Assert.ThrowsAsync<ConflictException>(() => setup.Class.SetSubmissionStatus(student, "hw1", studentId, SubmissionStatus.Returned));
        await Assert.ThrowsAsync<AccessDeniedException>(() => setup.Class.SetSubmissionStatus(setup.Student(1), "hw1", studentId, SubmissionStatus.InProgress));
        await setup.Class.SetSubmissionStatus(setup.Teacher, "hw1", studentId, SubmissionStatus.Returned);
        var reworked = await setup.Class.SetSubmissionStatus(student, "hw1", studentId, SubmissionStatus.InProgress);
        Assert.Equal(SubmissionStatus.InProgress, reworked.Status);

        await cluster.DeactivateAsync(setup.Class);
        var seenByTeacher = await setup.Class.GetSubmissions(setup.Teacher, "hw1");
        var seenByStudent = await setup.Class.GetSubmissions(student, "hw1");
        Assert.Equal(
            [(studentId, SubmissionStatus.InProgress), (classmateId, SubmissionStatus.NotStarted)],
            seenByTeacher.Select(w => (w.StudentId, w.Status)));
        Assert.Equal([studentId], seenByStudent.Select(w => w.StudentId));
    }

    [Fact]
    public async Task Only_rostered_teachers_create_classes_and_only_their_teacher_manages_them()
    {
        var school = TestSchool.Main;
        var teacher = await school.TeacherAsync(cluster);
        var course = school.Grain<IClassGrain>(cluster, TestIds.New("class"));
        var s1 = await school.StudentAsync(cluster);
        await Assert.ThrowsAsync<AccessDeniedException>(() => course.Create(s1, new ClassDraft("Mine")));
        await Assert.ThrowsAsync<AccessDeniedException>(() => course.Create(teacher, new ClassDraft("For a colleague", "someone-else")));
        await Assert.ThrowsAsync<NotFoundException>(() => course.Create(school.Unrostered(CallerRole.Teacher), new ClassDraft("Not on the roster")));
        await Assert.ThrowsAsync<NotFoundException>(() => course.Create(school.Admin, new ClassDraft("For a stranger", "not-a-teacher")));
        await Assert.ThrowsAsync<NotFoundException>(() => course.Enroll(teacher, s1.UserId));

        var created = await course.Create(teacher, new ClassDraft("Art"));
        Assert.Equal(created.ClassId, (await course.Create(teacher, new ClassDraft("Art"))).ClassId);

        // A taken id says nothing about the class that has it (no title, no teacher).
        var colleague = await school.TeacherAsync(cluster);
        var taken = await Assert.ThrowsAsync<ConflictException>(() => course.Create(colleague, new ClassDraft("Music")));
        Assert.DoesNotContain("Art", taken.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(teacher.UserId, taken.Message, StringComparison.Ordinal);

        await Assert.ThrowsAsync<AccessDeniedException>(() => course.Enroll(colleague, s1.UserId));
        var notEnrolled = await school.StudentAsync(cluster);
        await Assert.ThrowsAsync<AccessDeniedException>(() => course.GetDetails(notEnrolled));
        await course.Enroll(school.Admin, s1.UserId);
        Assert.Single((await course.GetDetails(s1)).Roster);
    }

    [Fact]
    public async Task An_assignment_id_is_not_reused_for_something_else()
    {
        var setup = await ClassSetup.CreateAsync(cluster, students: 1);
        var due = DateTimeOffset.UtcNow.AddDays(3).Date;
        await setup.Class.AssignDocument(setup.Teacher, "hw1", setup.Worksheet(due));

        Assert.Single((await setup.Class.AssignDocument(setup.Teacher, "hw1", setup.Worksheet(due))).Work);
        await Assert.ThrowsAsync<ConflictException>(() => setup.Class.AssignDocument(setup.Teacher, "hw1", setup.Worksheet(due.AddDays(1))));
        Assert.Single((await setup.Class.GetDetails(setup.Teacher)).Assignments);
    }

    [Fact]
    public async Task Invalid_class_requests_are_refused_and_nothing_is_written()
    {
        var setup = await ClassSetup.CreateAsync(cluster, students: 1);
        var writes = cluster.WritesOf(setup.Class);

        var badTitle = await Assert.ThrowsAsync<ValidationException>(() => setup.School.Grain<IClassGrain>(cluster, TestIds.New("class")).Create(setup.Teacher, new ClassDraft("")));
        Assert.Equal("draft.title", Assert.Single(badTitle.Violations).Field);
        var adminWithoutTeacher = await Assert.ThrowsAsync<ValidationException>(() => setup.School.Grain<IClassGrain>(cluster, TestIds.New("class")).Create(setup.School.Admin, new ClassDraft("Chemistry")));
        Assert.Equal("draft.teacherId", Assert.Single(adminWithoutTeacher.Violations).Field);
        Assert.Equal("studentId", Assert.Single((await Assert.ThrowsAsync<ValidationException>(() => setup.Class.Enroll(setup.Teacher, "has spaces"))).Violations).Field);
        Assert.Equal("studentId", Assert.Single((await Assert.ThrowsAsync<ValidationException>(() => setup.Class.Enroll(setup.Teacher, "newline\n"))).Violations).Field);
        Assert.Equal("draft.dueAt", Assert.Single((await Assert.ThrowsAsync<ValidationException>(() => setup.Class.AssignDocument(setup.Teacher, "hw", setup.Worksheet(DateTimeOffset.UtcNow.AddDays(-1))))).Violations).Field);
        Assert.Equal("status", Assert.Single((await Assert.ThrowsAsync<ValidationException>(() => setup.Class.SetSubmissionStatus(setup.Teacher, "hw", setup.StudentIds[0], (SubmissionStatus)42))).Violations).Field);
        await Assert.ThrowsAsync<NotFoundException>(() => setup.Class.AssignDocument(setup.Teacher, "hw", setup.Worksheet() with { DocumentId = TestIds.New("missing") }));

        // The teacher must be able to read what is handed out.
        var (privateDocument, _) = await Documents.DocumentFactory.CreateAsync(cluster);
        await Assert.ThrowsAsync<AccessDeniedException>(() => setup.Class.AssignDocument(setup.Teacher, "hw", setup.Worksheet() with { DocumentId = privateDocument.GetPrimaryKeyString().Split('/')[1] }));

        Assert.Equal(writes, cluster.WritesOf(setup.Class));
        Assert.Empty((await setup.Class.GetDetails(setup.Teacher)).Assignments);
    }
}
