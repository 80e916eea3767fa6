using Actors.Contracts;
using Actors.Contracts.Internal;
using Actors.Grains.Coordination;
using Actors.Grains.Validation;

namespace Actors.Grains.Schools;

/// <summary>
/// Erasing a student, the coordinator pattern once more: (1) the intent goes into the school's row — the student off
/// the roster and into <see cref="SchoolState.Erasures"/> — in one write, before anything is erased; (2) each step
/// is idempotent: every class the student's list names erases them from its roster and work lists, after the
/// documents of those classes have (their copies erased whole, their annotations in shared documents deleted),
/// then the student grain's state becomes a tombstone; (3) the intent goes. The student grain goes last because its
/// class list is how the steps find the rest, so a crash anywhere is finished by running the steps again — on a
/// repeated call, the school's next activation, or its timer.
/// </summary>
public sealed partial class SchoolGrain
{
    public async Task EraseStudent(Caller caller, string studentId, CancellationToken cancellationToken)
    {
        SchoolAccess.RequireAdmin(caller, SchoolId, "erase students");
        new Validator().Id("studentId", studentId).ThrowIfInvalid();
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
            await _state.SaveIfChangedAsync(State with { Erasures = State.Erasures.Remove(studentId) });
        }
    }

    private async Task EraseEverywhereAsync(string studentId)
    {
        var classIds = await Records(studentId).GetClassIds();
        var classes = await FanOut.RunAsync(classIds, _options.MaxParallelCalls, async classId =>
        {
            var target = ClassRecords(classId);
            if (await target.RecordsOf(studentId) is { } records)
            {
                var documents = records.Submissions.Select(s => s.CopyDocumentId).Concat(records.SharedDocumentIds).Distinct().ToList();
                var erased = await FanOut.RunAsync(documents, _options.MaxParallelCalls, id => DocumentRecords(id).EraseStudent(studentId));
                FanOut.ThrowFirstError(erased);
                await target.EraseStudent(studentId);
            }
        });
        FanOut.ThrowFirstError(classes);
        await Records(studentId).Erase();
    }

    private IClassRecords ClassRecords(string classId) => GrainFactory.GetGrain<IClassRecords>(GrainKeys.For(SchoolId, classId));

    private IDocumentRecords DocumentRecords(string documentId) => GrainFactory.GetGrain<IDocumentRecords>(GrainKeys.For(SchoolId, documentId));
}
