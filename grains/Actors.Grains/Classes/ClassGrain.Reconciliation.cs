using Actors.Contracts;
using Actors.Contracts.Classes;
using Actors.Contracts.Documents;
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
    /// Each item stands alone: a step that fails or is refused holds up only its own student or copy, and is
    /// recorded on it (<see cref="RosterEntry.Issue"/>, <see cref="Assignment.CopyIssues"/>) until a later run gets
    /// it through. Only the class's own write can fail the run. Returns what failed this time, so that a call can
    /// report its own items.
    /// </summary>
    private async Task<ReconcileFailures> ReconcileAsync()
    {
        var failures = new ReconcileFailures();
        var moving = State.Roster.Where(e => e.State != RosterState.Active).Select(e => e.StudentId).ToList();
        if (moving.Count > 0)
        {
            var synced = await FanOut.RunAsync(moving, _options.MaxParallelCalls, id => Student(id).SyncClass(ClassId));
            var next = State;
            foreach (var (studentId, error) in synced)
            {
                if (error is null)
                {
                    next = ClassRoster.Confirm(next, studentId);
                    continue;
                }

                failures.Students[studentId] = error;
                var recorded = ClassRoster.RecordIssue(next, studentId, error, Now);
                if (!ReferenceEquals(recorded, next))
                {
                    LogStepFailed(error, ClassId, $"the class list of student '{studentId}'");
                }

                next = recorded;
            }

            await SaveIfChangedAsync(ClassAssignments.DropIssuesOfInactiveStudents(next));
        }

        var missing = ClassAssignments.MissingWork(State);
        if (missing.Count > 0)
        {
            await MakeCopiesAsync(missing, failures);
        }

        return failures;
    }

    private async Task MakeCopiesAsync(List<(Assignment Assignment, string StudentId)> missing, ReconcileFailures failures)
    {
        // Assignments recorded before copy sources were kept: their original is read once, as the teacher, and kept.
        var sources = new Dictionary<string, CopySource>(StringComparer.Ordinal);
        var unreadable = new Dictionary<string, Exception>(StringComparer.Ordinal);
        var next = State;
        foreach (var assignment in missing.Select(m => m.Assignment).DistinctBy(a => a.AssignmentId))
        {
            if (assignment.Source is { } source)
            {
                sources[assignment.AssignmentId] = source;
                continue;
            }

            try
            {
                sources[assignment.AssignmentId] = ClassAssignments.SourceOf(await Document(assignment.DocumentId).GetInfo(TeacherCaller));
                next = ClassAssignments.SetSource(next, assignment.AssignmentId, sources[assignment.AssignmentId]);
            }
            catch (Exception e)
            {
                unreadable[assignment.AssignmentId] = e;
            }
        }

        var copied = await FanOut.RunAsync(missing, _options.MaxParallelCalls, m => unreadable.TryGetValue(m.Assignment.AssignmentId, out var error)
            ? Task.FromException(error)
            : MakeCopyAsync(m.Assignment, m.StudentId, sources[m.Assignment.AssignmentId]));
        foreach (var ((assignment, studentId), error) in copied)
        {
            if (error is null)
            {
                next = ClassAssignments.AddWork(next, ClassId, assignment.AssignmentId, studentId, Now);
                continue;
            }

            failures.Copies[(assignment.AssignmentId, studentId)] = error;
            var recorded = ClassAssignments.RecordCopyIssue(next, assignment.AssignmentId, studentId, error, Now);
            if (!ReferenceEquals(recorded, next))
            {
                LogStepFailed(error, ClassId, $"the copy of assignment '{assignment.AssignmentId}' for student '{studentId}'");
            }

            next = recorded;
        }

        await SaveIfChangedAsync(next);
    }

    private Task<DocumentInfo> MakeCopyAsync(Assignment assignment, string studentId, CopySource source)
    {
        var origin = new DocumentOrigin { OriginalDocumentId = assignment.DocumentId, ClassId = ClassId, AssignmentId = assignment.AssignmentId };
        var copyId = DocumentCopyId.For(ClassId, assignment.AssignmentId, studentId);
        return GrainFactory.GetGrain<IDocumentCopyTarget>(copyId).InitializeCopy(TeacherCaller, new DocumentCopySpec(origin, studentId, State.TeacherId, source));
    }

    /// <summary>
    /// Reconciles now and keeps the background retry running for as long as anything is unfinished (a failed or
    /// refused step, or the class's own write failing here). Returns what failed this time.
    /// </summary>
    private async Task<ReconcileFailures> CompleteAsync()
    {
        try
        {
            return await ReconcileAsync();
        }
        finally
        {
            RetryWhileUnfinished();
        }
    }

    private void RetryWhileUnfinished()
    {
        if (HasUnfinishedWork())
        {
            ScheduleReconcile(_options.ReconcileRetryInterval);
        }
        else
        {
            StopReconcileTimer();
        }
    }

    private void ScheduleReconcile(TimeSpan dueTime)
        => _reconcileTimer ??= this.RegisterGrainTimer(
            static (grain, _) => grain.ReconcileOnTimerAsync(),
            this,
            new GrainTimerCreationOptions(dueTime, _options.ReconcileRetryInterval) { KeepAlive = false });

    /// <summary>
    /// The background retry. It stops only once nothing is unfinished: a refused step is retried too, since what
    /// refused it can change (a student at the class limit leaves another class).
    /// </summary>
    private async Task ReconcileOnTimerAsync()
    {
        try
        {
            await ReconcileAsync();
        }
        catch (Exception e)
        {
            LogReconcileFailed(e, ClassId);
        }

        if (!HasUnfinishedWork())
        {
            StopReconcileTimer();
        }
    }

    private void StopReconcileTimer()
    {
        _reconcileTimer?.Dispose();
        _reconcileTimer = null;
    }

    private bool HasUnfinishedWork()
        => State.Roster.Exists(e => e.State != RosterState.Active) || ClassAssignments.MissingWork(State).Count > 0;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Class {ClassId}: writing its progress on enrollments and copies failed; retrying later")]
    private partial void LogReconcileFailed(Exception exception, string classId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Class {ClassId}: updating {Item} failed; it is retried in the background")]
    private partial void LogStepFailed(Exception exception, string classId, string item);
}
