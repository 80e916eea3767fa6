using Actors.Contracts;
using Actors.Contracts.Classes;
using Actors.Contracts.Documents;
using Actors.Contracts.Errors;
using Actors.Contracts.Internal;
using Microsoft.Extensions.Logging;

namespace Actors.Grains.Classes;

/// <summary>How a class finishes the intent it recorded: see <see cref="ReconcileAsync"/>.</summary>
public sealed partial class ClassGrain
{
    /// <summary>
    /// Carries out all recorded intent: the students' side of joins and leaves, then every active student's copy
    /// of every assignment. Each step is idempotent (the student mirrors the roster; copy ids are derived, so a
    /// copy made before is found, not made twice), which is what makes running this again after any failure safe.
    /// Progress is written even when some steps fail; then the first failure is rethrown.
    /// </summary>
    private async Task ReconcileAsync()
    {
        var moving = State.Roster.Where(e => e.State != RosterState.Active).Select(e => e.StudentId).ToList();
        if (moving.Count > 0)
        {
            var synced = await FanOut.RunAsync(moving, _options.MaxParallelCalls, id => Student(id).SyncClass(ClassId));
            var next = synced.Where(r => r.Error is null).Aggregate(State, (state, r) => ClassRoster.Confirm(state, r.Item));
            await SaveIfChangedAsync(next);
            FanOut.ThrowFirstError(synced);
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
        return GrainFactory.GetGrain<IDocumentCopyTarget>(copyId).InitializeCopy(TeacherCaller, new DocumentCopySpec(origin, studentId, State.TeacherId, original));
    }

    /// <summary>Reconciles now; if that fails, leaves a timer to retry in the background, and reports the failure.</summary>
    private async Task CompleteAsync()
    {
        try
        {
            await ReconcileAsync();
        }
        catch
        {
            ScheduleReconcile(_options.ReconcileRetryInterval);
            throw;
        }
    }

    private void ScheduleReconcile(TimeSpan dueTime)
        => _reconcileTimer ??= this.RegisterGrainTimer(
            static (grain, _) => grain.ReconcileOnTimerAsync(),
            this,
            new GrainTimerCreationOptions(dueTime, _options.ReconcileRetryInterval) { KeepAlive = false });

    private async Task ReconcileOnTimerAsync()
    {
        try
        {
            await ReconcileAsync();
        }
        catch (DomainException e)
        {
            // Refused rather than failed (the teacher lost access to the document, a student's class list is
            // full): retrying will not help; the next call to the class will try again and report it.
            LogReconcileRefused(ClassId, e.Message);
            StopReconcileTimer();
            return;
        }
        catch (Exception e)
        {
            LogReconcileFailed(e, ClassId);
            return;
        }

        StopReconcileTimer();
    }

    private void StopReconcileTimer()
    {
        _reconcileTimer?.Dispose();
        _reconcileTimer = null;
    }

    private bool HasUnfinishedWork()
        => State.Roster.Exists(e => e.State != RosterState.Active) || ClassAssignments.MissingWork(State).Count > 0;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Class {ClassId}: finishing enrollments and copies failed; retrying later")]
    private partial void LogReconcileFailed(Exception exception, string classId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Class {ClassId}: finishing enrollments and copies was refused ({Reason}); waiting for the next call")]
    private partial void LogReconcileRefused(string classId, string reason);
}
