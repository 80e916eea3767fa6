using Actors.Contracts.Internal;
using Actors.Contracts.Students;

namespace Actors.Grains.Classes;

/// <summary>A student's records in the class (<see cref="IClassRecords"/>), for the school's export and erasure.</summary>
public sealed partial class ClassGrain
{
    /// <inheritdoc />
    public Task<StudentClassRecords?> RecordsOf(string studentId)
    {
        var state = State;
        if (!state.IsCreated)
        {
            return Task.FromResult<StudentClassRecords?>(null);
        }

        return Task.FromResult<StudentClassRecords?>(new StudentClassRecords
        {
            ClassId = ClassId,
            Title = state.Title!,
            TeacherId = state.TeacherId,
            Enrollment = ClassRoster.Find(state, studentId),
            Submissions =
            [
                .. state.Assignments.SelectMany(a => a.Work
                    .Where(w => w.StudentId == studentId)
                    .Select(w => new StudentSubmission(a.AssignmentId, a.Title, a.DocumentId, w.CopyDocumentId, w.Status, w.UpdatedAt))),
            ],
            SharedDocumentIds = state.DocumentIds,
        });
    }

    /// <inheritdoc />
    public Task EraseStudent(string studentId)
    {
        var state = State;
        var erased = state with
        {
            Roster = state.Roster.RemoveAll(e => e.StudentId == studentId),
            Assignments = state.Assignments.ConvertAll(a => a.Work.Any(w => w.StudentId == studentId) ? a with { Work = [.. a.Work.Where(w => w.StudentId != studentId)] } : a),
        };
        var changed = erased.Roster.Count != state.Roster.Count || !erased.Assignments.SequenceEqual(state.Assignments);
        return changed ? SaveIfChangedAsync(erased) : Task.CompletedTask;
    }
}
