using Actors.Contracts;
using Actors.Contracts.Internal;
using Actors.Grains.Coordination;
using Actors.Grains.Validation;

namespace Actors.Grains.Schools;

/// <summary>
/// Erasing a student, the coordinator pattern once more: (1) the intent goes into the school's row — the student off
/// the roster and into <see cref="SchoolState.Erasures"/> — in one write, before anything is erased; (2) each step
/// is idempotent: the student grain first records that it is being erased (no document may link the student from
/// then on), every document of the student's — their index of documents (owned, shared by name, annotated,
/// classes left included) and the documents of their classes — erases them (their own documents and copies whole,
/// their annotations elsewhere deleted), then every class — of their list, and of their copies (a class left keeps
/// their work) — erases them from its roster and work lists,
/// then the student grain's state becomes a tombstone; (3) the intent goes, and the school remembers the erasure
/// (<see cref="ErasedStudents"/>): a repeated request answers as the first did, and the audit trail stays listable.
/// The student grain goes last because its class list and index are how the steps find the rest, so a crash
/// anywhere is finished by running the steps again — on a repeated call, the school's next activation, or its timer.
/// </summary>
public sealed partial class SchoolGrain
{
    public async Task EraseStudent(Caller caller, string studentId, CancellationToken cancellationToken)
    {
        SchoolAccess.RequireAdmin(caller, SchoolId, "erase students");
        new Validator().Id("studentId", studentId).ThrowIfInvalid();
        if (ErasedStudents.Contains(State, studentId))
        {
            // Done before: the same answer as then, and nothing to write.
            return;
        }

        if (!State.Erasures.Contains(studentId))
        {
            await RequireStudentRecordsAsync(studentId);
            cancellationToken.ThrowIfCancellationRequested();
            await _state.SaveIfChangedAsync(State with { Members = State.Members.Remove(studentId), Erasures = State.Erasures.Add(studentId) });
        }

        await _reconciler.CompleteAsync();
    }

    private async Task FinishErasuresAsync()
    {
        foreach (var studentId in State.Erasures.ToList())
        {
            await EraseEverywhereAsync(studentId);
            await _state.SaveIfChangedAsync(ErasedStudents.Add(State with { Erasures = State.Erasures.Remove(studentId) }, studentId));
        }
    }

    private async Task EraseEverywhereAsync(string studentId)
    {
        // First the student grain refuses new links, so the index read next is final: a document that races the
        // erasure either is in it or is refused. Documents then remember the student (ErasedReaders) against changes
        // queued behind their cleaning. Documents before classes, classes before the student: each step finds the
        // next through what comes after it.
        await Records(studentId).BeginErasure();
        var (found, documents) = await WhereRecordsAreAsync(studentId);
        FanOut.ThrowFirstError(await FanOut.RunAsync(documents, _options.MaxParallelCalls, id => DocumentRecords(id).EraseStudent(studentId)));
        FanOut.ThrowFirstError(await FanOut.RunAsync([.. found.Select(c => c.ClassId)], _options.MaxParallelCalls, id => ClassRecords(id).EraseStudent(studentId)));
        await Records(studentId).Erase();
    }

    private IClassRecords ClassRecords(string classId) => GrainFactory.GetGrain<IClassRecords>(GrainKeys.For(SchoolId, classId));

    private IDocumentRecords DocumentRecords(string documentId) => GrainFactory.GetGrain<IDocumentRecords>(GrainKeys.For(SchoolId, documentId));
}
