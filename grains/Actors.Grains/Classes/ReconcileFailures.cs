using System.Runtime.ExceptionServices;

namespace Actors.Grains.Classes;

/// <summary>
/// What failed in one reconciliation run, by item. The class records every failure in its state; a call reports
/// only those of its own items (an enrollment its student's, an assignment its copies'), never another student's.
/// </summary>
internal sealed class ReconcileFailures
{
    /// <summary>Students whose side of a join or leave failed, with the error.</summary>
    public Dictionary<string, Exception> Students { get; } = new(StringComparer.Ordinal);

    /// <summary>Copies that could not be made, with the error.</summary>
    public Dictionary<(string AssignmentId, string StudentId), Exception> Copies { get; } = [];

    /// <summary>Why the class could not be recorded in its teacher's class list, if it could not.</summary>
    public Exception? TeacherList { get; set; }

    /// <summary>Rethrows the failure to list the class with its teacher, if any (the creation's own item).</summary>
    public void ThrowForTeacherList() => Throw(TeacherList);

    /// <summary>Rethrows the failure of <paramref name="studentId"/>'s join or leave, or of one of their copies, if any.</summary>
    public void ThrowForStudent(string studentId)
        => Throw(Students.GetValueOrDefault(studentId) ?? Copies.FirstOrDefault(c => c.Key.StudentId == studentId).Value);

    /// <summary>Rethrows the failure of one of <paramref name="assignmentId"/>'s copies, if any.</summary>
    public void ThrowForAssignment(string assignmentId)
        => Throw(Copies.FirstOrDefault(c => c.Key.AssignmentId == assignmentId).Value);

    private static void Throw(Exception? error)
    {
        if (error is not null)
        {
            ExceptionDispatchInfo.Throw(error);
        }
    }
}
