using Actors.Api.V1;
using Google.Protobuf.WellKnownTypes;

namespace Actors.Gateway.Tests.Infrastructure;

/// <summary>
/// A small classroom made through the gateway: <see cref="Student"/> is enrolled in <see cref="ClassId"/>, taught by
/// <see cref="Teacher"/>, who owns <see cref="DocumentId"/> and shared it with the class and assigned it. The
/// student has a profile, a goal, an activity and a reflection shared with the class. <see cref="OtherStudent"/>
/// and <see cref="OtherTeacher"/> have nothing to do with any of it.
/// </summary>
public sealed class World
{
    private World(GatewayFixture fixture) => Fixture = fixture;

    public GatewayFixture Fixture { get; }

    public User Student { get; } = User.Student();

    public User OtherStudent { get; } = User.Student("other-student");

    public User Teacher { get; } = User.Teacher();

    public User OtherTeacher { get; } = User.Teacher("other-teacher");

    public User Admin { get; } = User.Admin();

    public string ClassId { get; } = TestIds.New("class");

    public string DocumentId { get; } = TestIds.New("doc");

    public string AssignmentId { get; } = TestIds.New("assignment");

    public string GoalId { get; } = TestIds.New("goal");

    public string ActivityId { get; } = TestIds.New("activity");

    public string SharedReflectionId { get; } = TestIds.New("reflection");

    public static async Task<World> CreateAsync(GatewayFixture fixture)
    {
        var w = new World(fixture);
        var (students, classes, documents) = (fixture.Students, fixture.Classes, fixture.Documents);
        await students.UpdateProfileAsync(new UpdateProfileRequest { StudentId = w.Student.Id, Profile = new StudentProfile { Name = "Aroha", School = "Kura", YearLevel = 9 } }, w.Student.Call);
        await classes.CreateClassAsync(new CreateClassRequest { ClassId = w.ClassId, Title = "Science 9" }, w.Teacher.Call);
        await classes.EnrollStudentAsync(new RosterChangeRequest { ClassId = w.ClassId, StudentId = w.Student.Id }, w.Teacher.Call);
        await documents.CreateDocumentAsync(new CreateDocumentRequest { DocumentId = w.DocumentId, Title = "Cells", PageCount = 3, ContentRef = "s3://docs/cells.pdf" }, w.Teacher.Call);
        await documents.ShareWithClassAsync(new DocumentClassRequest { DocumentId = w.DocumentId, ClassId = w.ClassId }, w.Teacher.Call);
        await w.AssignAsync(w.AssignmentId);
        await students.CreateGoalAsync(new CreateGoalRequest { StudentId = w.Student.Id, GoalId = w.GoalId, Title = "Read more" }, w.Student.Call);
        await students.CommitToActivityAsync(new CommitToActivityRequest { StudentId = w.Student.Id, ActivityId = w.ActivityId, Title = "Chess club" }, w.Student.Call);
        await w.WriteReflectionAsync(w.SharedReflectionId, share: true);
        return w;
    }

    public User As(string role) => role switch
    {
        "other-student" => OtherStudent,
        "student" => Student,
        "other-teacher" => OtherTeacher,
        "teacher" => Teacher,
        "admin" => Admin,
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

    /// <summary>A fresh student enrolled in the class.</summary>
    public async Task<string> EnrolledStudentAsync()
    {
        var id = TestIds.New("student");
        await Fixture.Classes.EnrollStudentAsync(new RosterChangeRequest { ClassId = ClassId, StudentId = id }, Teacher.Call);
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
