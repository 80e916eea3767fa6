using Actors.Contracts.Classes;
using Actors.Contracts.Documents;
using Actors.Contracts.Errors;
using Actors.Contracts.Internal;
using Actors.Grains.Coordination;
using Microsoft.Extensions.Logging;

namespace Actors.Grains.Classes;

/// <summary>How a class finishes the intent it recorded: see <see cref="ReconcileAsync"/>.</summary>
public sealed partial class ClassGrain
{
    /// <summary>
    /// Carries out all recorded intent: the students' side of invitations, joins and leaves, then every active
    /// student's copy of every assignment. Each step is idempotent (the student mirrors the roster; copy ids are
    /// derived, so a copy made before is found, not made twice), which is what makes running this again after any
    /// failure safe. Progress is written even when some steps fail; then the first failure is rethrown. A student
    /// whose side <i>refuses</i> (a limit of theirs reached) is not a failure to retry: their entry is undone
    /// (<see cref="ClassRoster.Refuse"/>) and the refusal kept in <see cref="_refused"/> for the call that asked.
    /// </summary>
    private async Task ReconcileAsync()
    {
        // A refused admission falls back to an invitation, which a second pass delivers.
        for (var pass = 0; pass < 2; pass++)
        {
            var moving = State.Roster.Where(ClassRoster.IsInFlight).Select(e => e.StudentId).ToList();
            if (moving.Count == 0)
            {
                break;
            }

            var synced = await FanOut.RunAsync(moving, _options.MaxParallelCalls, id => Student(id).SyncClass(ClassId));
            var next = State;
            foreach (var (studentId, error) in synced)
            {
                if (error is null)
                {
                    next = ClassRoster.Confirm(next, studentId);
                }
                else if (error is DomainException refusal)
                {
                    _refused[studentId] = refusal;
                    next = ClassRoster.Refuse(next, studentId);
                }
            }

            await SaveIfChangedAsync(next);
            FanOut.ThrowFirstError([.. synced.Where(r => r.Error is not DomainException)]);
            if (!synced.Exists(r => r.Error is DomainException))
            {
                break;
            }
        }

        var missing = ClassAssignments.MissingWork(State);
        if (missing.Count == 0)
        {
            return;
        }

        var originals = new Dictionary<string, DocumentInfo>(StringComparer.Ordinal);
        foreach (var documentId in missing.Select(m => m.Assignment.DocumentId).Distinct())
        {
            originals[documentId] = await Document(documentId).GetInfo(TeacherCaller);
        }

        var copied = await FanOut.RunAsync(missing, _options.MaxParallelCalls, m => MakeCopyAsync(m.Assignment, m.StudentId, originals[m.Assignment.DocumentId]));
        var withWork = copied
            .Where(r => r.Error is null)
            .Aggregate(State, (state, r) => ClassAssignments.AddWork(state, ClassId, r.Item.Assignment.AssignmentId, r.Item.StudentId, Now));
        await SaveIfChangedAsync(withWork);
        FanOut.ThrowFirstError(copied);
    }

    private Task<DocumentInfo> MakeCopyAsync(Assignment assignment, string studentId, DocumentInfo original)
    {
        var origin = new DocumentOrigin { OriginalDocumentId = assignment.DocumentId, ClassId = ClassId, AssignmentId = assignment.AssignmentId };
        var copyId = DocumentCopyId.For(ClassId, assignment.AssignmentId, studentId);
        return GrainFactory.GetGrain<IDocumentCopyTarget>(Key.Sibling(copyId)).InitializeCopy(TeacherCaller, new DocumentCopySpec(origin, studentId, State.TeacherId, original));
    }

    private bool HasUnfinishedWork() => State.Roster.Exists(ClassRoster.IsInFlight) || ClassAssignments.MissingWork(State).Count > 0;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Class {ClassId}: finishing enrollments and copies failed; retrying later")]
    private partial void LogReconcileFailed(Exception exception, string classId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Class {ClassId}: finishing enrollments and copies was refused ({Reason}); waiting for the next call")]
    private partial void LogReconcileRefused(string classId, string reason);
}
