using Actors.Contracts;
using Actors.Contracts.Classes;
using Actors.Contracts.Documents;
using Actors.Contracts.Errors;
using Actors.Grains.Persistence;
using Actors.Grains.Validation;

namespace Actors.Grains.Classes;

/// <summary>
/// The rules of assignments. An assignment is recorded first; each active student's <see cref="StudentWork"/>
/// is added once their copy exists, so "an active student without work" is exactly the copy still to be made.
/// </summary>
internal static class ClassAssignments
{
    public static Assignment Find(ClassState state, string assignmentId)
        => state.Assignments.Find(a => a.AssignmentId == assignmentId) ?? throw new NotFoundException("assignment", assignmentId);

    /// <summary>True when a repeated assignment asks for what was recorded (a retry), so it may finish it.</summary>
    public static bool IsSameRequest(Assignment recorded, AssignmentDraft draft)
        => recorded.DocumentId == draft.DocumentId && recorded.DueAt == draft.DueAt && (draft.Title is null || draft.Title == recorded.Title);

    public static Outcome<ClassState, Assignment> Record(ClassState state, string assignmentId, AssignmentDraft draft, string title, DateTimeOffset now)
    {
        Limits.RoomForOneMore(state.Assignments.Count, DomainLimits.AssignmentsPerClass, "the class's assignments");
        var assignment = new Assignment { AssignmentId = assignmentId, DocumentId = draft.DocumentId, Title = title, DueAt = draft.DueAt, AssignedAt = now };
        return new(state with { Assignments = state.Assignments.Add(assignment) }, assignment);
    }

    /// <summary>Every (assignment, active student) pair whose copy is not recorded yet.</summary>
    public static List<(Assignment Assignment, string StudentId)> MissingWork(ClassState state)
    {
        var missing = new List<(Assignment, string)>();
        var active = state.Roster.Where(e => e.State == RosterState.Active).Select(e => e.StudentId).ToList();
        foreach (var assignment in state.Assignments)
        {
            var done = assignment.Work.Select(w => w.StudentId).ToHashSet(StringComparer.Ordinal);
            missing.AddRange(active.Where(s => !done.Contains(s)).Select(s => (assignment, s)));
        }

        return missing;
    }

    /// <summary>Records that the student's copy exists (once).</summary>
    public static ClassState AddWork(ClassState state, string classId, string assignmentId, string studentId, DateTimeOffset now)
    {
        var index = state.Assignments.FindIndex(a => a.AssignmentId == assignmentId);
        var assignment = state.Assignments[index];
        if (assignment.Work.Any(w => w.StudentId == studentId))
        {
            return state;
        }

        var work = new StudentWork
        {
            StudentId = studentId,
            CopyDocumentId = DocumentCopyId.For(classId, assignmentId, studentId),
            Status = SubmissionStatus.NotStarted,
            UpdatedAt = now,
        };
        return state with { Assignments = state.Assignments.SetItem(index, assignment with { Work = [.. assignment.Work, work] }) };
    }

    public static Outcome<ClassState, StudentWork> SetStatus(
        ClassState state, SchoolScopedKey key, Caller caller, string assignmentId, string studentId, SubmissionStatus status, DateTimeOffset now)
    {
        var index = state.Assignments.IndexOrNotFound(a => a.AssignmentId == assignmentId, "assignment", assignmentId);
        var assignment = state.Assignments[index];
        var workIndex = assignment.Work.ToList().FindIndex(w => w.StudentId == studentId);
        if (workIndex < 0)
        {
            throw new NotFoundException("work of student", studentId, $"assignment '{assignmentId}'");
        }

        var work = assignment.Work[workIndex];
        if (work.Status == status)
        {
            return new(state, work);
        }

        var isStudent = caller.Is(key.SchoolId, studentId, CallerRole.Student);
        var isTeacher = ClassAccess.IsTeacher(state, key, caller);
        var allowed = caller.IsSchoolAdminOf(key.SchoolId) || (isStudent && StudentMay(work.Status, status)) || (isTeacher && TeacherMay(work.Status, status));
        if (!allowed)
        {
            throw new ConflictException($"{caller} cannot move work on assignment '{assignmentId}' from {work.Status} to {status}.");
        }

        var updated = work with { Status = status, UpdatedAt = now };
        var workList = assignment.Work.ToArray();
        workList[workIndex] = updated;
        return new(state with { Assignments = state.Assignments.SetItem(index, assignment with { Work = workList }) }, updated);
    }

    private static bool StudentMay(SubmissionStatus from, SubmissionStatus to) => (from, to) switch
    {
        (SubmissionStatus.NotStarted, SubmissionStatus.InProgress) => true,
        (SubmissionStatus.NotStarted, SubmissionStatus.Submitted) => true,
        (SubmissionStatus.InProgress, SubmissionStatus.Submitted) => true,
        (SubmissionStatus.Returned, SubmissionStatus.InProgress) => true,
        _ => false,
    };

    private static bool TeacherMay(SubmissionStatus from, SubmissionStatus to)
        => from == SubmissionStatus.Submitted && to == SubmissionStatus.Returned;
}
