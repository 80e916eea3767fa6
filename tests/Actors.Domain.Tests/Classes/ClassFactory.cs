using Actors.Contracts;
using Actors.Contracts.Classes;
using Actors.Contracts.Documents;
using Actors.Contracts.Students;
using Actors.Domain.Tests.Infrastructure;

namespace Actors.Domain.Tests.Classes;

/// <summary>
/// A class of <see cref="School"/> with a rostered teacher, rostered students enrolled by the school's administrator
/// (active at once), and a worksheet the teacher owns.
/// </summary>
internal sealed record ClassSetup(TestSchool School, IClassGrain Class, string ClassId, Caller Teacher, IReadOnlyList<string> StudentIds, string WorksheetId)
{
    public static async Task<ClassSetup> CreateAsync(DomainCluster cluster, int students, TestSchool? school = null)
    {
        school ??= TestSchool.Main;
        var teacher = await school.TeacherAsync(cluster);
        var classId = TestIds.New("class");
        var course = school.Grain<IClassGrain>(cluster, classId);
        await course.Create(teacher, new ClassDraft("Year 9 Science"));
        var studentIds = new List<string>();
        for (var i = 0; i < students; i++)
        {
            var student = await school.StudentAsync(cluster, TestIds.New($"s{i}"));
            await course.Enroll(school.Admin, student.UserId);
            studentIds.Add(student.UserId);
        }

        var worksheetId = TestIds.New("doc");
        await school.Grain<IDocumentGrain>(cluster, worksheetId).Create(teacher, new DocumentDraft("Photosynthesis worksheet", 2, $"s3://content/{worksheetId}.pdf"));
        return new ClassSetup(school, course, classId, teacher, studentIds, worksheetId);
    }

    public Caller Student(int index) => Caller.Student(School.Id, StudentIds[index]);

    public AssignmentDraft Worksheet(DateTimeOffset? due = null) => new(WorksheetId, due ?? DateTimeOffset.UtcNow.AddDays(7).Date);

    public IStudentGrain StudentGrain(DomainCluster cluster, string studentId) => School.Grain<IStudentGrain>(cluster, studentId);

    public IDocumentGrain CopyFor(DomainCluster cluster, string assignmentId, string studentId)
        => School.Grain<IDocumentGrain>(cluster, DocumentCopyId.For(ClassId, assignmentId, studentId));

    public async Task<IReadOnlyList<string>> ClassesOfAsync(DomainCluster cluster, string studentId)
        => [.. (await StudentGrain(cluster, studentId).GetClasses(Caller.Student(School.Id, studentId))).Select(c => c.ClassId)];
}
