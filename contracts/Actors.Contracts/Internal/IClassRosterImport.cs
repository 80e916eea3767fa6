namespace Actors.Contracts.Internal;

/// <summary>
/// Grain-to-grain only: a school's roster import applies enrollment rows to a class through it. The class grain
/// implements it; the caller is the school administrator running the import, checked as on every class call. Both
/// methods are idempotent and say whether they changed anything, so a re-import reports every row unchanged.
/// </summary>
[ClusterInternal, Alias("Actors.IClassRosterImport")]
public interface IClassRosterImport : IGrainWithStringKey
{
    /// <summary>
    /// A teacher's enrollment: creates the class with <paramref name="title"/> taught by <paramref name="teacherId"/>
    /// (a rostered teacher), or — if it exists with that teacher — changes nothing. A class has one teacher: another
    /// teacher is a conflict. <paramref name="title"/> is null when classes.csv did not name the class: then only an
    /// existing class can be matched.
    /// </summary>
    [Alias("ImportTeacher")]
    Task<bool> ImportTeacher(Caller caller, string? title, string teacherId);

    /// <summary>A student's enrollment, active at once (as a school administrator's enrollment is).</summary>
    [Alias("ImportStudent")]
    Task<bool> ImportStudent(Caller caller, string studentId);
}
