using Actors.Api.V1;
using Actors.Gateway.Tests.Infrastructure;

namespace Actors.Gateway.Tests.Services;

[Collection(GatewayCollection.Name)]
public sealed class ClassServiceTests(GatewayFixture fixture)
{
    [Fact]
    public async Task A_teacher_runs_a_class_and_a_student_hands_in_work()
    {
        var (teacher, student) = (await fixture.TeacherAsync(), await fixture.StudentAsync());
        var (classes, documents) = (fixture.Classes, fixture.Documents);
        var classId = TestIds.New("class");
        var docId = TestIds.New("doc");

        var created = await classes.CreateClassAsync(new() { ClassId = classId, Title = "History 10" }, teacher.Call);
        var invited = await classes.EnrollStudentAsync(new() { ClassId = classId, StudentId = student.Id }, teacher.Call);
        var entry = await classes.AcceptInvitationAsync(new() { ClassId = classId }, student.Call);
        await documents.CreateDocumentAsync(new() { DocumentId = docId, Title = "Treaty", PageCount = 4, ContentRef = "s3://docs/treaty.pdf" }, teacher.Call);
        var assignment = await classes.AssignDocumentAsync(new() { ClassId = classId, AssignmentId = "essay", DocumentId = docId, DueTime = World.DueInAWeek() }, teacher.Call);
        var mine = Assert.Single((await classes.ListSubmissionsAsync(new() { ClassId = classId, AssignmentId = "essay" }, student.Call)).Work);
        var copy = await documents.GetDocumentAsync(new() { DocumentId = mine.CopyDocumentId }, student.Call);
        await classes.SetSubmissionStatusAsync(new() { ClassId = classId, AssignmentId = "essay", StudentId = student.Id, Status = SubmissionStatus.Submitted }, student.Call);
        var returned = await classes.SetSubmissionStatusAsync(new() { ClassId = classId, AssignmentId = "essay", StudentId = student.Id, Status = SubmissionStatus.Returned }, teacher.Call);

        var seenByTeacher = await classes.GetClassAsync(new() { ClassId = classId }, teacher.Call);
        var roster = await classes.ListRosterAsync(new() { ClassId = classId }, teacher.Call);
        var assignments = await classes.ListAssignmentsAsync(new() { ClassId = classId }, student.Call);
        var studentClasses = await fixture.Students.ListClassesAsync(new() { StudentId = student.Id }, student.Call);

        Assert.Equal(teacher.Id, created.TeacherId);
        Assert.Equal((RosterState.Invited, RosterState.Active), (invited.State, entry.State));
        Assert.Equal(1, assignment.WorkCount);
        Assert.Equal((student.Id, docId), (copy.OwnerId, copy.Origin.OriginalDocumentId));
        Assert.Equal(SubmissionStatus.Returned, returned.Status);
        Assert.Equal((1, 1), (seenByTeacher.StudentCount, seenByTeacher.AssignmentCount));
        Assert.Equal(student.Id, Assert.Single(roster.Entries).StudentId);
        Assert.Equal("Treaty", Assert.Single(assignments.Assignments).Title);
        Assert.Equal((classId, ClassMembershipState.Active), (Assert.Single(studentClasses.Classes).ClassId, studentClasses.Classes[0].State));

        await classes.RemoveStudentAsync(new() { ClassId = classId, StudentId = student.Id }, teacher.Call);
        Assert.Empty((await fixture.Students.ListClassesAsync(new() { StudentId = student.Id }, student.Call)).Classes);
    }
}
