using Actors.Contracts.Classes;
using Actors.Contracts.Documents;
using Actors.Contracts.Errors;
using Actors.Contracts.Internal;
using Actors.Contracts.Teachers;
using Actors.Grains.Coordination;
using Microsoft.Extensions.Logging;

namespace Actors.Grains.Classes;

/// <summary>How a class finishes the intent it recorded: see <see cref="ReconcileAsync"/>.</summary>
public sealed partial class ClassGrain
{
    /// <summary>
    /// Carries out all recorded intent: the class in its teacher's class list, the students' side of invitations, joins
    /// and leaves, then every active student's copy of every assignment. Each step is idempotent (the student mirrors the roster; copy ids are
    /// derived, so a copy made before is found, not made twice), which is what makes running this again after any
    /// failure safe. Each item stands alone: a step that fails holds up only its own student or copy, and is recorded
    /// on it (<see cref="RosterEntry.Issue"/>, <see cref="Assignment.CopyIssues"/>) until a later run gets it through.
    /// A student whose side <i>refuses</i> an invitation or admission (a limit of theirs reached) is not retried: their
    /// entry is undone (<see cref="ClassRoster.Refuse"/>). Only the class's own write can fail the run. What failed this
    /// time is left in <see cref="_failures"/>, so that a call can report its own items.
    /// </summary>
    private async Task ReconcileAsync()
    {
        var failures = _failures = new ReconcileFailures();
        await ListWithTeacherAsync(failures);

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
            var refusedAny = false;
            foreach (var (studentId, error) in synced)
            {
                if (error is null)
                {
                    next = ClassRoster.Confirm(next, studentId);
                    continue;
                }

                failures.Students[studentId] = error;
                if (error is DomainException && ClassRoster.Refuse(next, studentId) is var undone && !ReferenceEquals(undone, next))
                {
                    next = undone;
                    refusedAny = true;
                    continue;
                }

                var recorded = ClassRoster.RecordIssue(next, studentId, error, Now);
                if (!ReferenceEquals(recorded, next))
                {
                    LogStepFailed(error, ClassId, $"the class list of student '{studentId}'");
                }

                next = recorded;
            }

            await SaveIfChangedAsync(ClassAssignments.DropIssuesOfInactiveStudents(next));
            if (!refusedAny)
            {
                break;
            }
        }

        var missing = ClassAssignments.MissingWork(State);
        if (missing.Count > 0)
        {
            await MakeCopiesAsync(missing, failures);
        }
    }

    /// <summary>Records the class in its teacher's class list once (after its creation is durable); a failure is left for the retry.</summary>
    private async Task ListWithTeacherAsync(ReconcileFailures failures)
    {
        if (!State.IsCreated || State.TeacherListed)
        {
            return;
        }

        try
        {
            await GrainFactory.GetGrain<ITeacherClassIndex>(Key.Sibling(State.TeacherId)).RecordClass(new TaughtClass(ClassId, State.Title!, State.CreatedAt));
        }
        catch (Exception e)
        {
            failures.TeacherList = e;
            LogStepFailed(e, ClassId, $"the class list of teacher '{State.TeacherId}'");
            return;
        }

        await SaveIfChangedAsync(State with { TeacherListed = true });
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
        return GrainFactory.GetGrain<IDocumentCopyTarget>(Key.Sibling(copyId)).InitializeCopy(TeacherCaller, new DocumentCopySpec(origin, studentId, State.TeacherId, source));
    }

    /// <summary>
    /// True while anything recorded is unfinished: the class not yet in its teacher's list, a roster entry in flight,
    /// or a copy still to be made. The background
    /// retry runs for as long as this holds, refused steps included, since what refused them can change (a student at
    /// the class limit leaves another class).
    /// </summary>
    private bool HasUnfinishedWork() => (State.IsCreated && !State.TeacherListed) || State.Roster.Exists(ClassRoster.IsInFlight) || ClassAssignments.MissingWork(State).Count > 0;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Class {ClassId}: writing its progress on enrollments and copies failed; retrying later")]
    private partial void LogReconcileFailed(Exception exception, string classId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Class {ClassId}: updating {Item} failed; it is retried in the background")]
    private partial void LogStepFailed(Exception exception, string classId, string item);
}
