using Actors.Contracts;
using Actors.Contracts.Audit;
using Actors.Contracts.Documents;
using Actors.Contracts.Errors;
using Actors.Contracts.Internal;
using Actors.Contracts.Schools;
using Actors.Contracts.Students;
using Actors.Grains.Coordination;
using Actors.Grains.Validation;

namespace Actors.Grains.Schools;

/// <summary>
/// A student's records as a whole, for the school's administrators: the audit trail of reads by others (kept by the
/// <see cref="IAuditTrail"/>, buffered by the student grain) and the export of everything stored about them. Erasure
/// is <c>SchoolGrain.Erasure.cs</c>.
/// </summary>
public sealed partial class SchoolGrain
{
    public async Task<AuditEventPage> ListAuditEvents(Caller caller, string studentId, AuditCursor? after, int limit, CancellationToken cancellationToken)
    {
        SchoolAccess.RequireAdmin(caller, SchoolId, "read the audit trail");
        new Validator()
            .Id("studentId", studentId)
            .Range("limit", limit, 1, MaxPageSize)
            .ThrowIfInvalid();
        if (!ErasedStudents.Contains(State, studentId) && !State.Erasures.Contains(studentId))
        {
            await RequireStudentRecordsAsync(studentId);

            // Reads whose events the student still buffers are listed too (an erasure wrote them before it cleared the grain).
            await Records(studentId).FlushAudit();
        }

        // An erased student's trail outlives their records: who was shown them stays accountable.
        var events = await auditTrail.ListAsync(SchoolId, studentId, after, limit + 1, cancellationToken);
        return new AuditEventPage([.. events.Take(limit)], events.Count > limit);
    }

    public async Task<StudentRecordExport> ExportStudentRecords(Caller caller, string studentId, CancellationToken cancellationToken)
    {
        SchoolAccess.RequireAdmin(caller, SchoolId, "export student records");
        new Validator().Id("studentId", studentId).ThrowIfInvalid();
        await RequireStudentRecordsAsync(studentId);

        var student = await Records(studentId).Export(caller);
        var (found, documentIds) = await WhereRecordsAreAsync(studentId);
        var documents = new StudentDocumentRecords?[documentIds.Count];
        FanOut.ThrowFirstError(await FanOut.RunAsync([.. Enumerable.Range(0, documentIds.Count)], _options.MaxParallelCalls, async i => documents[i] = await DocumentRecords(documentIds[i]).RecordsOf(studentId)));

        return new StudentRecordExport
        {
            SchoolId = SchoolId,
            StudentId = studentId,
            ExportedAt = time.GetUtcNow(),
            Member = State.Members.GetValueOrDefault(studentId),
            Student = student,
            Classes = found,

            // Class documents the student left nothing in are not theirs to export; one shared with them by name is.
            Documents = [.. documents.OfType<StudentDocumentRecords>().Where(d => d.OwnedByStudent || d.SharedWithStudent || d.Annotations.Count > 0)],
        };
    }

    /// <summary>
    /// A student of this school whose records the school holds: on the roster, or taken off it with their records
    /// kept. Any other id (a teacher, an id never used, an erased student) is no student, as one of another school is.
    /// </summary>
    private async Task RequireStudentRecordsAsync(string studentId)
    {
        var member = State.Members.GetValueOrDefault(studentId);
        var isStudent = member switch
        {
            { Role: SchoolRole.Student, IsRostered: true } => true,
            { Role: SchoolRole.Teacher } => false,
            _ => await Records(studentId).HoldsRecords(),
        };
        if (!isStudent)
        {
            throw new NotFoundException("student", studentId);
        }
    }

    /// <summary>
    /// Every class and document that may hold something of the student's, for export and erasure. Classes: those of
    /// the student's list, and those of their copies (a class they left keeps their work on its assignments), each
    /// with what it holds of them — classes that hold nothing of a student no longer in them are left out. Documents:
    /// the student's index (owned, shared by name, annotated — classes left included) and, for rows from before the
    /// index, their copies and the documents shared with their classes. Ordinal order, no repeats.
    /// </summary>
    private async Task<(List<StudentClassRecords> Classes, List<string> DocumentIds)> WhereRecordsAreAsync(string studentId)
    {
        var listed = await Records(studentId).GetClassIds();
        var indexed = await Records(studentId).GetDocumentIds();
        List<string> classIds = [.. listed.Concat(indexed.Select(DocumentCopyId.ClassOf).OfType<string>()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        var classes = new StudentClassRecords?[classIds.Count];
        FanOut.ThrowFirstError(await FanOut.RunAsync([.. Enumerable.Range(0, classIds.Count)], _options.MaxParallelCalls, async i => classes[i] = await ClassRecords(classIds[i]).RecordsOf(studentId)));
        List<StudentClassRecords> found = [.. classes.OfType<StudentClassRecords>().Where(c => listed.Contains(c.ClassId) || c.Enrollment is not null || c.Submissions.Count > 0)];
        List<string> documentIds = [.. found
            .SelectMany(c => c.Submissions.Select(s => s.CopyDocumentId).Concat(c.SharedDocumentIds))
            .Concat(indexed)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)];
        return (found, documentIds);
    }

    private IStudentRecords Records(string studentId) => GrainFactory.GetGrain<IStudentRecords>(GrainKeys.For(SchoolId, studentId));
}
