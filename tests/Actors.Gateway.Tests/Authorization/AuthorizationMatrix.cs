using Actors.Api.V1;
using Actors.Gateway.Tests.Infrastructure;
using Grpc.Core;

namespace Actors.Gateway.Tests.Authorization;

/// <summary>
/// Every API method and the status each kind of caller gets, against the <see cref="World"/>'s student, class and
/// document in school A. <see cref="Row.Expected"/> has one letter per caller in <see cref="Callers"/> order:
/// <c>U</c> UNAUTHENTICATED, <c>D</c> PERMISSION_DENIED, <c>N</c> NOT_FOUND, <c>F</c> FAILED_PRECONDITION (allowed
/// in, refused by a state rule), <c>+</c> OK. Each call makes what it changes first (a fresh goal, annotation,
/// assignment, class...), so a successful call by one caller never changes what another caller's call finds.
/// <para>
/// The callers of school B name the same ids, which the gateway resolves in school B, where none of them exists:
/// they get <c>N</c> wherever something of school A is named (never <c>D</c>, which would confirm it exists).
/// Where a call only creates in, or lists, the caller's own school (CreateDocument, SchoolService), they act on
/// school B, as anyone may on their own school. Operators get <c>D</c> everywhere: no school data through the API.
/// </para>
/// </summary>
public static class AuthorizationMatrix
{
    /// <summary>The callers, in the order of <see cref="Row.Expected"/>: no token, then the users of <see cref="World.As"/>.</summary>
    public static readonly string[] Callers =
        ["none", "student", "other-student", "class-teacher", "teacher", "other-school-teacher", "school-admin", "other-school-admin", "operator"];

    //                                          none, student, other student, class teacher, teacher, other school's teacher, admin, other school's admin, operator
    private const string Read = "U+D+DN+ND";        // the student, their class's teacher and the school's admins read
    private const string Change = "U+DDDN+ND";      // the student and the school's admins change
    private const string StudentsOwn = "U+DDDNDND"; // the student alone (reflections, page views)
    private const string Manage = "UDD+DN+ND";      // the class's teacher (the document's owner) and the school's admins
    private const string ForStudents = "U++DDNDND"; // any student of the school, for themself (decline, join)
    private const string Rostering = "UDDDDD++D";   // the school's admins, each on their own school

    public static readonly IReadOnlyList<Row> Rows =
    [
        // StudentService, on the world's student.
        new("StudentService.GetProfile", Read, (w, o) => w.Fixture.Students.GetProfileAsync(new() { StudentId = w.Student.Id }, o).ResponseAsync),
        new("StudentService.UpdateProfile", Change, (w, o) => w.Fixture.Students.UpdateProfileAsync(new() { StudentId = w.Student.Id, Profile = new() { Name = "Aroha", School = "Kura", YearLevel = 9 } }, o).ResponseAsync),
        new("StudentService.CreateGoal", Change, (w, o) => w.Fixture.Students.CreateGoalAsync(new() { StudentId = w.Student.Id, GoalId = TestIds.New("goal"), Title = "Run" }, o).ResponseAsync),
        new("StudentService.UpdateGoalProgress", Change, async (w, o) => await w.Fixture.Students.UpdateGoalProgressAsync(new() { StudentId = w.Student.Id, GoalId = await w.NewGoalAsync(), ProgressPercent = 40 }, o)),
        new("StudentService.CompleteGoal", Change, async (w, o) => await w.Fixture.Students.CompleteGoalAsync(new() { StudentId = w.Student.Id, GoalId = await w.NewGoalAsync() }, o)),
        new("StudentService.ArchiveGoal", Change, async (w, o) => await w.Fixture.Students.ArchiveGoalAsync(new() { StudentId = w.Student.Id, GoalId = await w.NewGoalAsync() }, o)),
        new("StudentService.ListGoals", Read, (w, o) => w.Fixture.Students.ListGoalsAsync(new() { StudentId = w.Student.Id }, o).ResponseAsync),
        new("StudentService.CommitToActivity", Change, (w, o) => w.Fixture.Students.CommitToActivityAsync(new() { StudentId = w.Student.Id, ActivityId = TestIds.New("activity"), Title = "Band" }, o).ResponseAsync),
        new("StudentService.LogHours", Change, (w, o) => w.Fixture.Students.LogHoursAsync(new() { StudentId = w.Student.Id, ActivityId = w.ActivityId, EntryId = TestIds.New("entry"), Hours = 1.5, On = Today() }, o).ResponseAsync),
        new("StudentService.CompleteActivity", Change, async (w, o) => await w.Fixture.Students.CompleteActivityAsync(new() { StudentId = w.Student.Id, ActivityId = await w.NewActivityAsync() }, o)),
        new("StudentService.ListActivities", Read, (w, o) => w.Fixture.Students.ListActivitiesAsync(new() { StudentId = w.Student.Id }, o).ResponseAsync),
        new("StudentService.WriteReflection", StudentsOwn, (w, o) => w.Fixture.Students.WriteReflectionAsync(new() { StudentId = w.Student.Id, ReflectionId = TestIds.New("reflection"), Text = "Hard week.", Subject = ReflectionSubject.Goal, SubjectId = w.GoalId }, o).ResponseAsync),
        new("StudentService.ShareReflection", StudentsOwn, async (w, o) => await w.Fixture.Students.ShareReflectionAsync(new() { StudentId = w.Student.Id, ReflectionId = await w.WriteReflectionAsync(), ClassId = w.ClassId }, o)),
        new("StudentService.UnshareReflection", StudentsOwn, async (w, o) => await w.Fixture.Students.UnshareReflectionAsync(new() { StudentId = w.Student.Id, ReflectionId = await w.WriteReflectionAsync(share: true), ClassId = w.ClassId }, o)),
        new("StudentService.ListReflections", Read, (w, o) => w.Fixture.Students.ListReflectionsAsync(new() { StudentId = w.Student.Id }, o).ResponseAsync),
        new("StudentService.GetResume", Read, (w, o) => w.Fixture.Students.GetResumeAsync(new() { StudentId = w.Student.Id }, o).ResponseAsync),
        new("StudentService.ListClasses", Read, (w, o) => w.Fixture.Students.ListClassesAsync(new() { StudentId = w.Student.Id }, o).ResponseAsync),
        new("StudentService.RecordPageView", StudentsOwn, (w, o) => w.Fixture.Students.RecordPageViewAsync(new() { StudentId = w.Student.Id, Page = "/goals" }, o).ResponseAsync),
        new("StudentService.GetPageViews", Change, (w, o) => w.Fixture.Students.GetPageViewsAsync(new() { StudentId = w.Student.Id }, o).ResponseAsync),

        // ClassService, on the world's class (or a fresh class of its teacher where a call would change who is in it).
        // A teacher creates classes they teach (here: for the world's teacher); an admin names a rostered teacher —
        // whom school B's roster does not have.
        new("ClassService.CreateClass", "UDD+DD+ND", (w, o) => w.Fixture.Classes.CreateClassAsync(new() { ClassId = TestIds.New("class"), Title = "Maths", TeacherId = w.Teacher.Id }, o).ResponseAsync),
        // A teacher's class list: their own, and any of the school's admins'; school B has no such teacher.
        new("ClassService.ListTeacherClasses", Manage, (w, o) => w.Fixture.Classes.ListTeacherClassesAsync(new() { TeacherId = w.Teacher.Id }, o).ResponseAsync),
        new("ClassService.GetClass", Read, (w, o) => w.Fixture.Classes.GetClassAsync(new() { ClassId = w.ClassId }, o).ResponseAsync),
        new("ClassService.EnrollStudent", Manage, async (w, o) => await w.Fixture.Classes.EnrollStudentAsync(new() { ClassId = w.ClassId, StudentId = await w.RosteredStudentAsync() }, o)),
        new("ClassService.RemoveStudent", Manage, async (w, o) => await w.Fixture.Classes.RemoveStudentAsync(new() { ClassId = w.ClassId, StudentId = await w.EnrolledStudentAsync() }, o)),
        new("ClassService.ListRoster", Read, (w, o) => w.Fixture.Classes.ListRosterAsync(new() { ClassId = w.ClassId }, o).ResponseAsync),

        // Accepting is the invited student's alone (another student of the school has no invitation to find).
        new("ClassService.AcceptInvitation", "U+NDDNDND", async (w, o) => await w.Fixture.Classes.AcceptInvitationAsync(new() { ClassId = await w.InvitingClassAsync() }, o)),
        new("ClassService.DeclineInvitation", ForStudents, async (w, o) => await w.Fixture.Classes.DeclineInvitationAsync(new() { ClassId = await w.InvitingClassAsync() }, o)),
        new("ClassService.JoinClass", ForStudents, async (w, o) =>
        {
            var (classId, code) = await w.NewClassAsync();
            await w.Fixture.Classes.JoinClassAsync(new() { ClassId = classId, JoinCode = code }, o);
        }),
        new("ClassService.GetJoinCode", Manage, (w, o) => w.Fixture.Classes.GetJoinCodeAsync(new() { ClassId = w.ClassId }, o).ResponseAsync),
        new("ClassService.RotateJoinCode", Manage, (w, o) => w.Fixture.Classes.RotateJoinCodeAsync(new() { ClassId = w.ClassId }, o).ResponseAsync),
        new("ClassService.AssignDocument", Manage, (w, o) => w.Fixture.Classes.AssignDocumentAsync(new() { ClassId = w.ClassId, AssignmentId = TestIds.New("assignment"), DocumentId = w.DocumentId, DueTime = World.DueInAWeek() }, o).ResponseAsync),
        new("ClassService.ListAssignments", Read, (w, o) => w.Fixture.Classes.ListAssignmentsAsync(new() { ClassId = w.ClassId }, o).ResponseAsync),
        new("ClassService.ListSubmissions", Read, (w, o) => w.Fixture.Classes.ListSubmissionsAsync(new() { ClassId = w.ClassId, AssignmentId = w.AssignmentId }, o).ResponseAsync),

        // The teacher may only return submitted work: moving it forward is the student's.
        new("ClassService.SetSubmissionStatus", "U+DFDN+ND", async (w, o) =>
        {
            var assignment = await w.AssignAsync(TestIds.New("assignment"));
            await w.Fixture.Classes.SetSubmissionStatusAsync(new() { ClassId = w.ClassId, AssignmentId = assignment.AssignmentId, StudentId = w.Student.Id, Status = SubmissionStatus.InProgress }, o);
        }),

        // DocumentService, on the world's document (the teacher's, shared with the class). Readers annotate; the
        // author and the owner edit and delete; only the owner and admins change sharing; anyone creates their own.
        new("DocumentService.CreateDocument", "U+++++++D", (w, o) => w.Fixture.Documents.CreateDocumentAsync(new() { DocumentId = TestIds.New("doc"), Title = "Notes", PageCount = 1, ContentRef = "s3://docs/notes.pdf" }, o).ResponseAsync),
        new("DocumentService.GetDocument", Read, (w, o) => w.Fixture.Documents.GetDocumentAsync(new() { DocumentId = w.DocumentId }, o).ResponseAsync),
        new("DocumentService.ShareWithReader", Manage, (w, o) => w.Fixture.Documents.ShareWithReaderAsync(new() { DocumentId = w.DocumentId, UserId = TestIds.New("reader") }, o).ResponseAsync),
        new("DocumentService.RevokeReader", Manage, (w, o) => w.Fixture.Documents.RevokeReaderAsync(new() { DocumentId = w.DocumentId, UserId = TestIds.New("reader") }, o).ResponseAsync),
        new("DocumentService.ShareWithClass", Manage, async (w, o) => await w.Fixture.Documents.ShareWithClassAsync(new() { DocumentId = w.DocumentId, ClassId = (await w.NewClassAsync()).ClassId }, o)),
        new("DocumentService.UnshareClass", Manage, (w, o) => w.Fixture.Documents.UnshareClassAsync(new() { DocumentId = w.DocumentId, ClassId = TestIds.New("class") }, o).ResponseAsync),
        new("DocumentService.AddAnnotation", Read, (w, o) => w.Fixture.Documents.AddAnnotationAsync(new() { DocumentId = w.DocumentId, AnnotationId = TestIds.New("note"), Page = 2, Body = World.Comment("Look") }, o).ResponseAsync),
        new("DocumentService.EditAnnotation", Read, async (w, o) => await w.Fixture.Documents.EditAnnotationAsync(new() { DocumentId = w.DocumentId, AnnotationId = await w.StudentAnnotationAsync(), Body = World.Comment("Edited") }, o)),
        new("DocumentService.DeleteAnnotation", Read, async (w, o) => await w.Fixture.Documents.DeleteAnnotationAsync(new() { DocumentId = w.DocumentId, AnnotationId = await w.StudentAnnotationAsync() }, o)),
        new("DocumentService.ListAnnotations", Read, (w, o) => w.Fixture.Documents.ListAnnotationsAsync(new() { DocumentId = w.DocumentId }, o).ResponseAsync),
        new("DocumentService.WatchAnnotations", Read, async (w, o) =>
        {
            // Allowed: the stream opens with a snapshot. Refused: the first read fails with the status.
            using var watch = w.Fixture.Documents.WatchAnnotations(new() { DocumentId = w.DocumentId }, o);
            Assert.True(await watch.ResponseStream.MoveNext(o.CancellationToken));
            Assert.Equal(AnnotationEventKind.Snapshot, watch.ResponseStream.Current.Kind);
        }),

        // SchoolService: always the caller's own school. School B's admin rosters, removes and lists in school B;
        // looking up school A's student there finds no one.
        new("SchoolService.AddMember", Rostering, (w, o) => w.Fixture.Roster.AddMemberAsync(new() { UserId = TestIds.New("new"), Role = SchoolRole.Student, DisplayName = "New student" }, o).ResponseAsync),
        new("SchoolService.RemoveMember", Rostering, async (w, o) => await w.Fixture.Roster.RemoveMemberAsync(new() { UserId = await w.RosteredStudentAsync() }, o)),
        new("SchoolService.GetMember", "UDDDDD+ND", (w, o) => w.Fixture.Roster.GetMemberAsync(new() { UserId = w.Student.Id }, o).ResponseAsync),
        new("SchoolService.ListMembers", Rostering, (w, o) => w.Fixture.Roster.ListMembersAsync(new() { PageSize = 5 }, o).ResponseAsync),
        new("SchoolService.ListAuditEvents", "UDDDDD+ND", (w, o) => w.Fixture.Roster.ListAuditEventsAsync(new() { StudentId = w.Student.Id, PageSize = 5 }, o).ResponseAsync),
        new("SchoolService.ExportStudentRecords", "UDDDDD+ND", (w, o) => w.Fixture.Roster.ExportStudentRecordsAsync(new() { StudentId = w.Student.Id }, o).ResponseAsync),
        new("SchoolService.EraseStudent", "UDDDDD+ND", async (w, o) => await w.Fixture.Roster.EraseStudentAsync(new() { StudentId = await w.RosteredStudentAsync() }, o)),
        new("SchoolService.ImportRoster", Rostering, (w, o) => w.Fixture.Roster.ImportRosterAsync(
            new() { File = RosterFile.Users, Rows = { new RosterRow { RowNumber = 2, Fields = { ["sourcedId"] = TestIds.New("new"), ["role"] = "student", ["givenName"] = "New", ["familyName"] = "Student" } } } }, o).ResponseAsync),
    ];

    public static StatusCode ExpectedStatus(char letter) => letter switch
    {
        'U' => StatusCode.Unauthenticated,
        'D' => StatusCode.PermissionDenied,
        'N' => StatusCode.NotFound,
        'F' => StatusCode.FailedPrecondition,
        '+' => StatusCode.OK,
        _ => throw new ArgumentOutOfRangeException(nameof(letter), letter, null),
    };

    private static string Today() => DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>One method: the letters of <see cref="Callers"/>' statuses, and the call (with any arrangement it needs first).</summary>
    public sealed record Row(string Method, string Expected, Func<World, CallOptions, Task> Call);
}
