using Actors.Api.V1;
using Actors.Gateway.Tests.Infrastructure;
using Grpc.Core;

namespace Actors.Gateway.Tests.Authorization;

/// <summary>
/// Every API method and the status each kind of caller gets, against the <see cref="World"/>'s student, class and
/// document. <see cref="Row.Expected"/> has one letter per caller in <see cref="Callers"/> order:
/// <c>U</c> UNAUTHENTICATED, <c>D</c> PERMISSION_DENIED, <c>F</c> FAILED_PRECONDITION (allowed in, refused by a
/// state rule), <c>+</c> OK. Each call makes what it changes first (a fresh goal, annotation, assignment...), so a
/// successful call by one caller never changes what another caller's call finds.
/// </summary>
public static class AuthorizationMatrix
{
    /// <summary>The callers, in the order of <see cref="Row.Expected"/>: no token, then the roles of <see cref="World.As"/>.</summary>
    public static readonly string[] Callers = ["none", "other-student", "student", "other-teacher", "teacher", "admin"];

    public static readonly IReadOnlyList<Row> Rows =
    [
        // StudentService, on the world's student. The class's teacher reads; only the student and admins change;
        // reflections are the student's alone to write and share; page views are the student's to record.
        new("StudentService.GetProfile", "UD+D++", (w, o) => w.Fixture.Students.GetProfileAsync(new() { StudentId = w.Student.Id }, o).ResponseAsync),
        new("StudentService.UpdateProfile", "UD+DD+", (w, o) => w.Fixture.Students.UpdateProfileAsync(new() { StudentId = w.Student.Id, Profile = new() { Name = "Aroha", School = "Kura", YearLevel = 9 } }, o).ResponseAsync),
        new("StudentService.CreateGoal", "UD+DD+", (w, o) => w.Fixture.Students.CreateGoalAsync(new() { StudentId = w.Student.Id, GoalId = TestIds.New("goal"), Title = "Run" }, o).ResponseAsync),
        new("StudentService.UpdateGoalProgress", "UD+DD+", async (w, o) => await w.Fixture.Students.UpdateGoalProgressAsync(new() { StudentId = w.Student.Id, GoalId = await w.NewGoalAsync(), ProgressPercent = 40 }, o)),
        new("StudentService.CompleteGoal", "UD+DD+", async (w, o) => await w.Fixture.Students.CompleteGoalAsync(new() { StudentId = w.Student.Id, GoalId = await w.NewGoalAsync() }, o)),
        new("StudentService.ArchiveGoal", "UD+DD+", async (w, o) => await w.Fixture.Students.ArchiveGoalAsync(new() { StudentId = w.Student.Id, GoalId = await w.NewGoalAsync() }, o)),
        new("StudentService.ListGoals", "UD+D++", (w, o) => w.Fixture.Students.ListGoalsAsync(new() { StudentId = w.Student.Id }, o).ResponseAsync),
        new("StudentService.CommitToActivity", "UD+DD+", (w, o) => w.Fixture.Students.CommitToActivityAsync(new() { StudentId = w.Student.Id, ActivityId = TestIds.New("activity"), Title = "Band" }, o).ResponseAsync),
        new("StudentService.LogHours", "UD+DD+", (w, o) => w.Fixture.Students.LogHoursAsync(new() { StudentId = w.Student.Id, ActivityId = w.ActivityId, EntryId = TestIds.New("entry"), Hours = 1.5, On = Today() }, o).ResponseAsync),
        new("StudentService.CompleteActivity", "UD+DD+", async (w, o) => await w.Fixture.Students.CompleteActivityAsync(new() { StudentId = w.Student.Id, ActivityId = await w.NewActivityAsync() }, o)),
        new("StudentService.ListActivities", "UD+D++", (w, o) => w.Fixture.Students.ListActivitiesAsync(new() { StudentId = w.Student.Id }, o).ResponseAsync),
        new("StudentService.WriteReflection", "UD+DDD", (w, o) => w.Fixture.Students.WriteReflectionAsync(new() { StudentId = w.Student.Id, ReflectionId = TestIds.New("reflection"), Text = "Hard week.", Subject = ReflectionSubject.Goal, SubjectId = w.GoalId }, o).ResponseAsync),
        new("StudentService.ShareReflection", "UD+DDD", async (w, o) => await w.Fixture.Students.ShareReflectionAsync(new() { StudentId = w.Student.Id, ReflectionId = await w.WriteReflectionAsync(), ClassId = w.ClassId }, o)),
        new("StudentService.UnshareReflection", "UD+DDD", async (w, o) => await w.Fixture.Students.UnshareReflectionAsync(new() { StudentId = w.Student.Id, ReflectionId = await w.WriteReflectionAsync(share: true), ClassId = w.ClassId }, o)),
        new("StudentService.ListReflections", "UD+D++", (w, o) => w.Fixture.Students.ListReflectionsAsync(new() { StudentId = w.Student.Id }, o).ResponseAsync),
        new("StudentService.GetResume", "UD+D++", (w, o) => w.Fixture.Students.GetResumeAsync(new() { StudentId = w.Student.Id }, o).ResponseAsync),
        new("StudentService.ListClasses", "UD+D++", (w, o) => w.Fixture.Students.ListClassesAsync(new() { StudentId = w.Student.Id }, o).ResponseAsync),
        new("StudentService.RecordPageView", "UD+DDD", (w, o) => w.Fixture.Students.RecordPageViewAsync(new() { StudentId = w.Student.Id, Page = "/goals" }, o).ResponseAsync),
        new("StudentService.GetPageViews", "UD+DD+", (w, o) => w.Fixture.Students.GetPageViewsAsync(new() { StudentId = w.Student.Id }, o).ResponseAsync),

        // ClassService, on the world's class. Its teacher and admins manage; its students read their own part;
        // a teacher creates classes they teach (here: for the world's teacher); the teacher may only return work.
        new("ClassService.CreateClass", "UDDD++", (w, o) => w.Fixture.Classes.CreateClassAsync(new() { ClassId = TestIds.New("class"), Title = "Maths", TeacherId = w.Teacher.Id }, o).ResponseAsync),
        new("ClassService.GetClass", "UD+D++", (w, o) => w.Fixture.Classes.GetClassAsync(new() { ClassId = w.ClassId }, o).ResponseAsync),
        new("ClassService.EnrollStudent", "UDDD++", (w, o) => w.Fixture.Classes.EnrollStudentAsync(new() { ClassId = w.ClassId, StudentId = TestIds.New("student") }, o).ResponseAsync),
        new("ClassService.RemoveStudent", "UDDD++", async (w, o) => await w.Fixture.Classes.RemoveStudentAsync(new() { ClassId = w.ClassId, StudentId = await w.EnrolledStudentAsync() }, o)),
        new("ClassService.ListRoster", "UD+D++", (w, o) => w.Fixture.Classes.ListRosterAsync(new() { ClassId = w.ClassId }, o).ResponseAsync),
        new("ClassService.AssignDocument", "UDDD++", (w, o) => w.Fixture.Classes.AssignDocumentAsync(new() { ClassId = w.ClassId, AssignmentId = TestIds.New("assignment"), DocumentId = w.DocumentId, DueTime = World.DueInAWeek() }, o).ResponseAsync),
        new("ClassService.ListAssignments", "UD+D++", (w, o) => w.Fixture.Classes.ListAssignmentsAsync(new() { ClassId = w.ClassId }, o).ResponseAsync),
        new("ClassService.ListSubmissions", "UD+D++", (w, o) => w.Fixture.Classes.ListSubmissionsAsync(new() { ClassId = w.ClassId, AssignmentId = w.AssignmentId }, o).ResponseAsync),
        new("ClassService.SetSubmissionStatus", "UD+DF+", async (w, o) =>
        {
            var assignment = await w.AssignAsync(TestIds.New("assignment"));
            await w.Fixture.Classes.SetSubmissionStatusAsync(new() { ClassId = w.ClassId, AssignmentId = assignment.AssignmentId, StudentId = w.Student.Id, Status = SubmissionStatus.InProgress }, o);
        }),

        // DocumentService, on the world's document (the teacher's, shared with the class). Readers annotate; the
        // author and the owner edit and delete; only the owner and admins change sharing; anyone creates their own.
        new("DocumentService.CreateDocument", "U+++++", (w, o) => w.Fixture.Documents.CreateDocumentAsync(new() { DocumentId = TestIds.New("doc"), Title = "Notes", PageCount = 1, ContentRef = "s3://docs/notes.pdf" }, o).ResponseAsync),
        new("DocumentService.GetDocument", "UD+D++", (w, o) => w.Fixture.Documents.GetDocumentAsync(new() { DocumentId = w.DocumentId }, o).ResponseAsync),
        new("DocumentService.ShareWithReader", "UDDD++", (w, o) => w.Fixture.Documents.ShareWithReaderAsync(new() { DocumentId = w.DocumentId, UserId = TestIds.New("reader") }, o).ResponseAsync),
        new("DocumentService.RevokeReader", "UDDD++", (w, o) => w.Fixture.Documents.RevokeReaderAsync(new() { DocumentId = w.DocumentId, UserId = TestIds.New("reader") }, o).ResponseAsync),
        new("DocumentService.ShareWithClass", "UDDD++", (w, o) => w.Fixture.Documents.ShareWithClassAsync(new() { DocumentId = w.DocumentId, ClassId = TestIds.New("class") }, o).ResponseAsync),
        new("DocumentService.UnshareClass", "UDDD++", (w, o) => w.Fixture.Documents.UnshareClassAsync(new() { DocumentId = w.DocumentId, ClassId = TestIds.New("class") }, o).ResponseAsync),
        new("DocumentService.AddAnnotation", "UD+D++", (w, o) => w.Fixture.Documents.AddAnnotationAsync(new() { DocumentId = w.DocumentId, AnnotationId = TestIds.New("note"), Page = 2, Body = World.Comment("Look") }, o).ResponseAsync),
        new("DocumentService.EditAnnotation", "UD+D++", async (w, o) => await w.Fixture.Documents.EditAnnotationAsync(new() { DocumentId = w.DocumentId, AnnotationId = await w.StudentAnnotationAsync(), Body = World.Comment("Edited") }, o)),
        new("DocumentService.DeleteAnnotation", "UD+D++", async (w, o) => await w.Fixture.Documents.DeleteAnnotationAsync(new() { DocumentId = w.DocumentId, AnnotationId = await w.StudentAnnotationAsync() }, o)),
        new("DocumentService.ListAnnotations", "UD+D++", (w, o) => w.Fixture.Documents.ListAnnotationsAsync(new() { DocumentId = w.DocumentId }, o).ResponseAsync),
        new("DocumentService.WatchAnnotations", "UD+D++", async (w, o) =>
        {
            // Allowed: the stream opens with a snapshot. Refused: the first read fails with the status.
            using var watch = w.Fixture.Documents.WatchAnnotations(new() { DocumentId = w.DocumentId }, o);
            Assert.True(await watch.ResponseStream.MoveNext(o.CancellationToken));
            Assert.Equal(AnnotationEventKind.Snapshot, watch.ResponseStream.Current.Kind);
        }),
    ];

    public static StatusCode ExpectedStatus(char letter) => letter switch
    {
        'U' => StatusCode.Unauthenticated,
        'D' => StatusCode.PermissionDenied,
        'F' => StatusCode.FailedPrecondition,
        '+' => StatusCode.OK,
        _ => throw new ArgumentOutOfRangeException(nameof(letter), letter, null),
    };

    private static string Today() => DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>One method: the letters of <see cref="Callers"/>' statuses, and the call (with any arrangement it needs first).</summary>
    public sealed record Row(string Method, string Expected, Func<World, CallOptions, Task> Call);
}
