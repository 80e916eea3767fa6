using Actors.Api.V1;
using Google.Protobuf.WellKnownTypes;

namespace Actors.Gateway.Tests.Infrastructure;

/// <summary>
/// Two schools made through the gateway. In <see cref="Schools.A"/>: <see cref="Student"/> is a member of
/// <see cref="ClassId"/> (invited by <see cref="Teacher"/>, and accepted), taught by <see cref="Teacher"/>, who owns
/// <see cref="DocumentId"/>, shared it with the class and assigned it. The student has a profile, a goal, an activity
/// and a reflection shared with the class. <see cref="OtherStudent"/> and <see cref="OtherTeacher"/> are rostered in
/// the same school and have nothing to do with any of it; <see cref="SchoolAdmin"/> runs school A. In
/// <see cref="Schools.B"/>: <see cref="OtherSchoolTeacher"/> (rostered there) and <see cref="OtherSchoolAdmin"/> —
/// hostile, and from where they stand, none of school A exists. <see cref="Operator"/> runs the platform.
/// </summary>
public sealed class World
{
    private World(GatewayFixture fixture) => Fixture = fixture;

    public GatewayFixture Fixture { get; }

    public User Student { get; private set; } = null!;

    public User OtherStudent { get; private set; } = null!;

    public User Teacher { get; private set; } = null!;

    public User OtherTeacher { get; private set; } = null!;

    public User OtherSchoolTeacher { get; private set; } = null!;

    public User SchoolAdmin { get; } = User.Admin(Schools.A);

    public User OtherSchoolAdmin { get; } = User.Admin(Schools.B);

    public User Operator { get; } = User.Operator(Schools.A);

    public string ClassId { get; } = TestIds.New("class");

    public string DocumentId { get; } = TestIds.New("doc");

    public string AssignmentId { get; } = TestIds.New("assignment");

    public string GoalId { get; } = TestIds.New("goal");

    public string ActivityId { get; } = TestIds.New("activity");

    public string SharedReflectionId { get; } = TestIds.New("reflection");

    public static async Task<World> CreateAsync(GatewayFixture fixture)
    {
        var w = new World(fixture);
        w.Student = await fixture.StudentAsync();
        w.OtherStudent = await fixture.StudentAsync("other-student");
        w.Teacher = await fixture.TeacherAsync();
        w.OtherTeacher = await fixture.TeacherAsync("other-teacher");
        w.OtherSchoolTeacher = await fixture.TeacherAsync("hostile-teacher", Schools.B);

        var (students, classes, documents) = (fixture.Students, fixture.Classes, fixture.Documents);
        await students.UpdateProfileAsync(new UpdateProfileRequest { StudentId = w.Student.Id, Profile = new StudentProfile { Name = "Aroha", School = "Kura", YearLevel = 9 } }, w.Student.Call);
        await classes.CreateClassAsync(new CreateClassRequest { ClassId = w.ClassId, Title = "Science 9" }, w.Teacher.Call);
        await classes.EnrollStudentAsync(new RosterChangeRequest { ClassId = w.ClassId, StudentId = w.Student.Id }, w.Teacher.Call);
        await classes.AcceptInvitationAsync(new ClassInvitationRequest { ClassId = w.ClassId }, w.Student.Call);
        await documents.CreateDocumentAsync(new CreateDocumentRequest { DocumentId = w.DocumentId, Title = "Cells", PageCount = 3, ContentRef = "s3://docs/cells.pdf" }, w.Teacher.Call);
        await documents.ShareWithClassAsync(new DocumentClassRequest { DocumentId = w.DocumentId, ClassId = w.ClassId }, w.Teacher.Call);
        await w.AssignAsync(w.AssignmentId);
        await students.CreateGoalAsync(new CreateGoalRequest { StudentId = w.Student.Id, GoalId = w.GoalId, Title = "Read more" }, w.Student.Call);
        await students.CommitToActivityAsync(new CommitToActivityRequest { StudentId = w.Student.Id, ActivityId = w.ActivityId, Title = "Chess club" }, w.Student.Call);
        await w.WriteReflectionAsync(w.SharedReflectionId, share: true);
        return w;
    }

    /// <summary>The user playing <paramref name="role"/> (the matrix's caller names).</summary>
    public User As(string role) => role switch
    {
        "student" => Student,
        "other-student" => OtherStudent,
        "class-teacher" => Teacher,
        "teacher" => OtherTeacher,
        "other-school-teacher" => OtherSchoolTeacher,
        "school-admin" => SchoolAdmin,
        "other-school-admin" => OtherSchoolAdmin,
        "operator" => Operator,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };

    /// <summary>A fresh active goal of the student.</summary>
    public async Task<string> NewGoalAsync()
    {
        var id = TestIds.New("goal");
        await Fixture.Students.CreateGoalAsync(new CreateGoalRequest { StudentId = Student.Id, GoalId = id, Title = "Swim 1 km" }, Student.Call);
        return id;
    }

    /// <summary>A fresh committed activity of the student.</summary>
    public async Task<string> NewActivityAsync()
    {
        var id = TestIds.New("activity");
        await Fixture.Students.CommitToActivityAsync(new CommitToActivityRequest { StudentId = Student.Id, ActivityId = id, Title = "Kapa haka" }, Student.Call);
        return id;
    }

    /// <summary>A fresh reflection of the student on <see cref="GoalId"/>, shared with the class or private.</summary>
    public async Task<string> WriteReflectionAsync(string? id = null, bool share = false)
    {
        id ??= TestIds.New("reflection");
        await Fixture.Students.WriteReflectionAsync(
            new WriteReflectionRequest { StudentId = Student.Id, ReflectionId = id, Text = "I read two books.", Subject = ReflectionSubject.Goal, SubjectId = GoalId },
            Student.Call);
        if (share)
        {
            await Fixture.Students.ShareReflectionAsync(new ReflectionShareRequest { StudentId = Student.Id, ReflectionId = id, ClassId = ClassId }, Student.Call);
        }

        return id;
    }

    /// <summary>Assigns <see cref="DocumentId"/> to the class under <paramref name="assignmentId"/>, due in a week.</summary>
    public Task<Assignment> AssignAsync(string assignmentId)
        => Fixture.Classes.AssignDocumentAsync(
            new AssignDocumentRequest { ClassId = ClassId, AssignmentId = assignmentId, DocumentId = DocumentId, DueTime = DueInAWeek() },
            Teacher.Call).ResponseAsync;

    /// <summary>A fresh student rostered in school A, in no class.</summary>
    public async Task<string> RosteredStudentAsync() => (await Fixture.StudentAsync()).Id;

    /// <summary>A fresh student of school A enrolled in the class (by the school's administrator: active at once).</summary>
    public async Task<string> EnrolledStudentAsync()
    {
        var id = await RosteredStudentAsync();
        await Fixture.Classes.EnrollStudentAsync(new RosterChangeRequest { ClassId = ClassId, StudentId = id }, SchoolAdmin.Call);
        return id;
    }

    /// <summary>A fresh class of school A taught by <see cref="Teacher"/>, and its join code.</summary>
    public async Task<(string ClassId, string JoinCode)> NewClassAsync()
    {
        var id = TestIds.New("class");
        await Fixture.Classes.CreateClassAsync(new CreateClassRequest { ClassId = id, Title = "Extra class" }, Teacher.Call);
        var code = await Fixture.Classes.GetJoinCodeAsync(new GetJoinCodeRequest { ClassId = id }, Teacher.Call);
        return (id, code.JoinCode);
    }

    /// <summary>
    /// A fresh class of school A to which its (fresh) teacher invited <see cref="Student"/>: one teacher may only hold a
    /// few invitations out to one student (DomainLimits.PendingInvitationsFromOneTeacher).
    /// </summary>
    public async Task<string> InvitingClassAsync()
    {
        var teacher = await Fixture.TeacherAsync("inviting-teacher");
        var id = TestIds.New("class");
        await Fixture.Classes.CreateClassAsync(new CreateClassRequest { ClassId = id, Title = "Invitation" }, teacher.Call);
        await Fixture.Classes.EnrollStudentAsync(new RosterChangeRequest { ClassId = id, StudentId = Student.Id }, teacher.Call);
        return id;
    }

    /// <summary>A fresh comment by the student on the document.</summary>
    public async Task<string> StudentAnnotationAsync()
    {
        var id = TestIds.New("note");
        await Fixture.Documents.AddAnnotationAsync(new AddAnnotationRequest { DocumentId = DocumentId, AnnotationId = id, Page = 1, Body = Comment("Why?") }, Student.Call);
        return id;
    }

    public static AnnotationBody Comment(string text, double x = 0.5, double y = 0.5)
        => new() { Comment = new CommentBody { Anchor = new PagePoint { X = x, Y = y }, Text = text } };

    public static Timestamp DueInAWeek() => Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(7));
}
