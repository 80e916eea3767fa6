namespace Actors.Contracts.Students;

/// <summary>
/// A student (key: <c>{schoolId}/{studentId}</c>, see <see cref="GrainKeys"/>; the student id is the student's user id):
/// profile, goals, activities with hours, reflections, resume, classes and page-view analytics. A student exists
/// once the school rosters them (<c>ISchoolGrain</c>); until then, and for every caller of another school, every
/// method answers <see cref="Errors.NotFoundException"/>. Every method takes the <see cref="Caller"/>; the student
/// and the school's administrators may change things (reflections are the student's alone), a teacher of one of
/// the student's <i>active</i> classes may read the profile, goals, activities, resume, classes and the reflections
/// shared with that class. Who may do what: <c>Students/StudentAccess.cs</c> in the grains. Creates take
/// client-generated ids, so a retried call never makes a second item.
/// </summary>
[Alias("Actors.IStudentGrain")]
public interface IStudentGrain : IGrainWithStringKey
{
    /// <summary>The profile; <see cref="Errors.NotFoundException"/> if none was saved yet.</summary>
    [Alias("GetProfile")]
    Task<StudentProfile> GetProfile(Caller caller, CancellationToken cancellationToken = default);

    /// <summary>Saves the profile (the student or a school administrator).</summary>
    [Alias("UpdateProfile")]
    Task<StudentProfile> UpdateProfile(Caller caller, StudentProfile profile, CancellationToken cancellationToken = default);

    /// <summary>Sets a goal. Repeating the call with the same id and draft returns the goal; a different draft is a conflict.</summary>
    [Alias("CreateGoal")]
    Task<Goal> CreateGoal(Caller caller, string goalId, GoalDraft draft, CancellationToken cancellationToken = default);

    /// <summary>Records progress (0 to 100) on an active goal.</summary>
    [Alias("UpdateGoalProgress")]
    Task<Goal> UpdateGoalProgress(Caller caller, string goalId, int progressPercent, CancellationToken cancellationToken = default);

    /// <summary>Completes an active goal (idempotent).</summary>
    [Alias("CompleteGoal")]
    Task<Goal> CompleteGoal(Caller caller, string goalId, CancellationToken cancellationToken = default);

    /// <summary>Archives a goal (idempotent).</summary>
    [Alias("ArchiveGoal")]
    Task<Goal> ArchiveGoal(Caller caller, string goalId, CancellationToken cancellationToken = default);

    /// <summary>All goals, oldest first.</summary>
    [Alias("GetGoals")]
    Task<IReadOnlyList<Goal>> GetGoals(Caller caller, CancellationToken cancellationToken = default);

    /// <summary>Commits to an activity. Same id and draft again returns it; a different draft is a conflict.</summary>
    [Alias("CommitToActivity")]
    Task<Activity> CommitToActivity(Caller caller, string activityId, ActivityDraft draft, CancellationToken cancellationToken = default);

    /// <summary>Logs hours on a committed activity; an entry id already logged with the same hours and day is not counted twice.</summary>
    [Alias("LogHours")]
    Task<Activity> LogHours(Caller caller, string activityId, HoursEntry entry, CancellationToken cancellationToken = default);

    /// <summary>Completes an activity (idempotent).</summary>
    [Alias("CompleteActivity")]
    Task<Activity> CompleteActivity(Caller caller, string activityId, CancellationToken cancellationToken = default);

    /// <summary>All activities, oldest first.</summary>
    [Alias("GetActivities")]
    Task<IReadOnlyList<Activity>> GetActivities(Caller caller, CancellationToken cancellationToken = default);

    /// <summary>Writes a reflection on one of the student's goals or activities, or rewrites the one with this id.</summary>
    [Alias("WriteReflection")]
    Task<Reflection> WriteReflection(Caller caller, string reflectionId, ReflectionDraft draft, CancellationToken cancellationToken = default);

    /// <summary>Lets the teacher of <paramref name="classId"/> (a class the student belongs to) read the reflection.</summary>
    [Alias("ShareReflection")]
    Task<Reflection> ShareReflection(Caller caller, string reflectionId, string classId, CancellationToken cancellationToken = default);

    /// <summary>Withdraws a share (idempotent).</summary>
    [Alias("UnshareReflection")]
    Task<Reflection> UnshareReflection(Caller caller, string reflectionId, string classId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The reflections the caller may read: all of them for the student; for a school administrator, those shared
    /// with any class; for a teacher, those shared with an active class the teacher teaches. Private reflections
    /// never leave the student.
    /// </summary>
    [Alias("GetReflections")]
    Task<IReadOnlyList<Reflection>> GetReflections(Caller caller, CancellationToken cancellationToken = default);

    /// <summary>The resume: profile plus completed goals and completed activities.</summary>
    [Alias("GetResume")]
    Task<Resume> GetResume(Caller caller, CancellationToken cancellationToken = default);

    /// <summary>The classes the student belongs to, and (for the student and school administrators) the pending invitations.</summary>
    [Alias("GetClasses")]
    Task<IReadOnlyList<ClassMembership>> GetClasses(Caller caller, CancellationToken cancellationToken = default);

    /// <summary>
    /// Counts one view of <paramref name="page"/> by the student. Counted in memory and written in batches (on a
    /// timer, when enough are buffered, and on deactivation), never one write per view: see docs/domain.md for how
    /// many views a hard kill can lose. With a <paramref name="requestId"/> (client-generated, reused on every retry) a
    /// retried view is counted once: a view whose request id is among the student's last
    /// <see cref="DomainLimits.RememberedPageViewsPerStudent"/> written views, or not written yet, is not counted again.
    /// </summary>
    [Alias("RecordPageView")]
    Task RecordPageView(Caller caller, string page, string? requestId = null, CancellationToken cancellationToken = default);

    /// <summary>Page-view counts, including views not yet written.</summary>
    [Alias("GetPageViews")]
    Task<PageViewSummary> GetPageViews(Caller caller, CancellationToken cancellationToken = default);
}
