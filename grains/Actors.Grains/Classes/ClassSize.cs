using Actors.Contracts.Classes;
using Actors.Grains.Validation;

namespace Actors.Grains.Classes;

/// <summary>How big a class's stored state will be once its recorded intent is carried out.</summary>
internal static class ClassSize
{
    /// <summary>A work entry with empty ids, and the comma before it; ids are ASCII (the id rule), a byte a character.</summary>
    private static readonly long EmptyWorkBytes = StoredSize.Of(new StudentWork { Status = SubmissionStatus.NotStarted, UpdatedAt = DateTimeOffset.MaxValue }) + 1;

    /// <summary>
    /// The state's stored size plus a work entry for every copy still to be made (the reconciliation adds them without
    /// asking: they follow from an enrollment or assignment already admitted), so that admitting the intent is where
    /// the limit is enforced.
    /// </summary>
    public static long Projected(ClassState state, string classId)
        => StoredSize.Of(state) + ClassAssignments.MissingWork(state).Sum(m =>
            // The student's id, and the copy's: class~assignment~student.
            EmptyWorkBytes + (2L * m.StudentId.Length) + classId.Length + m.Assignment.AssignmentId.Length + 2);
}
