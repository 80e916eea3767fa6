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

    /// <summary>Records the assignment with what its copies are made from (<paramref name="original"/> as the teacher read it now).</summary>
    public static Outcome<ClassState, Assignment> Record(ClassState state, string assignmentId, AssignmentDraft draft, DocumentInfo original, DateTimeOffset now)
    {
        Limits.RoomForOneMore(state.Assignments.Count, DomainLimits.AssignmentsPerClass, "the class's assignments");
        var assignment = new Assignment
        {
            AssignmentId = assignmentId,
            DocumentId = draft.DocumentId,
            Title = draft.Title ?? original.Title,
            DueAt = draft.DueAt,
            AssignedAt = now,
            Source = SourceOf(original),
        };
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

    /// <summary>What copies are made from: the parts of the original a copy keeps.</summary>
    public static CopySource SourceOf(DocumentInfo original)
        => new() { Title = original.Title, PageCount = original.PageCount, ContentRef = original.ContentRef };

    /// <summary>Keeps the source read for an assignment recorded before sources were kept, so it is read only once.</summary>
    public static ClassState SetSource(ClassState state, string assignmentId, CopySource source)
    {
        var index = state.Assignments.FindIndex(a => a.AssignmentId == assignmentId);
        return index < 0 || state.Assignments[index].Source is not null
            ? state
            : state with { Assignments = state.Assignments.SetItem(index, state.Assignments[index] with { Source = source }) };
    }

    /// <summary>Records why the student's copy could not be made this time (the same issue again changes nothing).</summary>
    public static ClassState RecordCopyIssue(ClassState state, string assignmentId, string studentId, Exception error, DateTimeOffset now)
    {
        var index = state.Assignments.FindIndex(a => a.AssignmentId == assignmentId);
        var assignment = state.Assignments[index];
        var existing = assignment.CopyIssues.FirstOrDefault(i => i.StudentId == studentId);
        var issue = SyncIssues.Describe(error, existing?.Issue, now);
        if (ReferenceEquals(issue, existing?.Issue))
        {
            return state;
        }

        CopyIssue[] issues = [.. assignment.CopyIssues.Where(i => i.StudentId != studentId), new CopyIssue { StudentId = studentId, Issue = issue }];
        return state with { Assignments = state.Assignments.SetItem(index, assignment with { CopyIssues = issues }) };
    }

    /// <summary>Drops the copy issues of students who are no longer active: their copies are not wanted any more.</summary>
    public static ClassState DropIssuesOfInactiveStudents(ClassState state)
    {
        var active = state.Roster.Where(e => e.State == RosterState.Active).Select(e => e.StudentId).ToHashSet(StringComparer.Ordinal);
        var assignments = state.Assignments;
        for (var i = 0; i < assignments.Count; i++)
        {
            if (assignments[i].CopyIssues.Any(issue => !active.Contains(issue.StudentId)))
            {
                assignments = assignments.SetItem(i, assignments[i] with { CopyIssues = [.. assignments[i].CopyIssues.Where(issue => active.Contains(issue.StudentId))] });
            }
        }

        return ReferenceEquals(assignments, state.Assignments) ? state : state with { Assignments = assignments };
    }

    /// <summary>Records that the student's copy exists (once), which settles any issue it had.</summary>
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
        return state with
        {
            Assignments = state.Assignments.SetItem(index, assignment with
            {
                Work = [.. assignment.Work, work],
                CopyIssues = [.. assignment.CopyIssues.Where(i => i.StudentId != studentId)],
            }),
        };
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
