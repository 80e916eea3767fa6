using Actors.Contracts;
using Actors.Contracts.Classes;
using Actors.Contracts.Documents;
using Actors.Contracts.Students;
using Actors.Domain.Tests.Infrastructure;

namespace Actors.Domain.Tests.Classes;

/// <summary>A class with a teacher, students, and a worksheet the teacher owns.</summary>
internal sealed record ClassSetup(IClassGrain Class, string ClassId, Caller Teacher, IReadOnlyList<string> StudentIds, string WorksheetId)
{
    public static async Task<ClassSetup> CreateAsync(DomainCluster cluster, int students)
    {
        var teacher = Caller.Teacher(TestIds.New("teacher"));
        var classId = TestIds.New("class");
        var course = cluster.Grain<IClassGrain>(classId);
        await course.Create(teacher, new ClassDraft("Year 9 Science"));
        var studentIds = Enumerable.Range(0, students).Select(i => TestIds.New($"s{i}")).ToList();
        foreach (var studentId in studentIds)
        {
            await course.Enroll(teacher, studentId);
        }

        var worksheetId = TestIds.New("doc");
        await cluster.Grain<IDocumentGrain>(worksheetId).Create(teacher, new DocumentDraft("Photosynthesis worksheet", 2, $"s3://content/{worksheetId}.pdf"));
        return new ClassSetup(course, classId, teacher, studentIds, worksheetId);
    }

    public AssignmentDraft Worksheet(DateTimeOffset? due = null) => new(WorksheetId, due ?? DateTimeOffset.UtcNow.AddDays(7).Date);

    public IDocumentGrain CopyFor(DomainCluster cluster, string assignmentId, string studentId)
        => cluster.Grain<IDocumentGrain>(DocumentCopyId.For(ClassId, assignmentId, studentId));

    public static async Task<IReadOnlyList<string>> ClassesOfAsync(DomainCluster cluster, string studentId)
        => [.. (await cluster.Grain<IStudentGrain>(studentId).GetClasses(Caller.Student(studentId))).Select(c => c.ClassId)];
}
