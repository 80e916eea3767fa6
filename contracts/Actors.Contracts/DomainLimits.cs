namespace Actors.Contracts;

/// <summary>
/// The limits the grains enforce, public so that the gateway and clients can state them (and check early).
/// Lengths are in UTF-16 code units. Every collection a grain stores is bounded by count, and what each grain stores
/// by bytes (the JSON the storage writes), so that every write stays well inside what the database accepts.
/// </summary>
public static class DomainLimits
{
    /// <summary>Longest id of anything (schools, users, classes, documents, goals, annotations...); the rule is <see cref="GrainKeys.IsValidId"/>.</summary>
    public const int IdLength = 128;

    /// <summary>Longest short text: names, titles, schools.</summary>
    public const int ShortTextLength = 200;

    /// <summary>Longest description (goals, activities).</summary>
    public const int DescriptionLength = 2_000;

    /// <summary>Longest reflection text.</summary>
    public const int ReflectionLength = 10_000;

    /// <summary>Longest annotation comment.</summary>
    public const int CommentLength = 4_000;

    /// <summary>Longest reference to document content stored elsewhere (a URL or object key).</summary>
    public const int ContentRefLength = 1_000;

    /// <summary>Longest page key of a page view.</summary>
    public const int PageKeyLength = 200;

    /// <summary>Lowest and highest school year level (New Zealand: years 1 to 13).</summary>
    public const int MinYearLevel = 1, MaxYearLevel = 13;

    /// <summary>Most hours one log entry may record.</summary>
    public const decimal MaxHoursPerEntry = 24m;

    /// <summary>Most goals, activities and reflections a student keeps (each).</summary>
    public const int ItemsPerStudent = 500;

    /// <summary>Most hour entries on one activity.</summary>
    public const int HourEntriesPerActivity = 1_000;

    /// <summary>Most classes a student belongs to (pending invitations do not count).</summary>
    public const int ClassesPerStudent = 100;

    /// <summary>Most pending class invitations a student holds; further invitations are refused until some are accepted or declined.</summary>
    public const int PendingInvitationsPerStudent = 50;

    /// <summary>
    /// Most pending invitations one teacher may hold out to one student: a hostile teacher cannot fill a student's
    /// invitations (or anything else) by inviting them to many classes.
    /// </summary>
    public const int PendingInvitationsFromOneTeacher = 5;

    /// <summary>Most students and teachers on a school's roster (the school grain's state is one row).</summary>
    public const int MembersPerSchool = 20_000;

    /// <summary>Most classes a school's roster imports remember (their titles, until a teacher's enrollment creates them).</summary>
    public const int ImportedClassesPerSchool = 10_000;

    /// <summary>Most rows one roster import call carries: a large file is imported in several calls.</summary>
    public const int RosterRowsPerCall = 1_000;

    /// <summary>Most columns a roster row may have.</summary>
    public const int RosterColumns = 64;

    /// <summary>Most characters in one roster field.</summary>
    public const int RosterFieldLength = 1_000;

    /// <summary>Most documents shared with one class (the class tells them when its roster changes).</summary>
    public const int DocumentsPerClass = 5_000;

    /// <summary>Most distinct pages whose views a student keeps apart; further pages are counted under <see cref="OtherPagesKey"/>.</summary>
    public const int DistinctPagesPerStudent = 500;

    /// <summary>Where views of pages beyond <see cref="DistinctPagesPerStudent"/> are counted.</summary>
    public const string OtherPagesKey = "(other)";

    /// <summary>Most students in a class.</summary>
    public const int StudentsPerClass = 500;

    /// <summary>Most assignments in a class.</summary>
    public const int AssignmentsPerClass = 500;

    /// <summary>
    /// Most documents one student is related to (owns, is shared by name, has annotated): the student's index of them
    /// (ids only, at most about 1.3 MB) is what export and erasure go through.
    /// </summary>
    public const int DocumentsPerStudent = 10_000;

    /// <summary>Most pages of a document.</summary>
    public const int PagesPerDocument = 5_000;

    /// <summary>Most named readers and classes a document is shared with (each).</summary>
    public const int SharesPerDocument = 500;

    /// <summary>Most live annotations on a document.</summary>
    public const int AnnotationsPerDocument = 10_000;

    /// <summary>Most points in one ink stroke.</summary>
    public const int InkPoints = 5_000;

    /// <summary>Most rectangles in one highlight.</summary>
    public const int HighlightRects = 100;

    /// <summary>Thickest ink stroke, as a fraction of the page width.</summary>
    public const double MaxInkWidth = 0.1;

    /// <summary>
    /// Most bytes one annotation takes stored (its JSON, UTF-8). The largest annotation the other limits allow — an ink
    /// stroke of <see cref="InkPoints"/> points at full precision — takes about 230 KB.
    /// </summary>
    public const int AnnotationBytes = 256 * 1024;

    /// <summary>
    /// Most bytes a document's annotations take stored, together (their JSON, UTF-8). Everything else a document keeps
    /// is bounded by counts to under 4 MiB, so a document stays under 36 MiB: well inside CockroachDB's 64 MiB limit
    /// on one write (and PostgreSQL's on one JSONB value), wherever its parts are stored.
    /// </summary>
    public const int AnnotationBytesPerDocument = 32 * 1024 * 1024;

    /// <summary>
    /// Most bytes a student's state takes stored (its JSON, UTF-8): profile, goals, activities with their hours,
    /// reflections, classes and page views. A change that would pass it is refused.
    /// </summary>
    public const int StudentBytes = 4 * 1024 * 1024;

    /// <summary>
    /// Most bytes a class's state takes stored (its JSON, UTF-8), counting the work entries its recorded enrollments and
    /// assignments will add (one per active student and assignment). A change that would pass it is refused.
    /// </summary>
    public const int ClassBytes = 16 * 1024 * 1024;

    /// <summary>
    /// How many of a document's most recent edits are remembered by request id (at least nine tenths of this many,
    /// as the oldest tenth is let go when it is full): a retried edit within them is not applied again.
    /// </summary>
    public const int RememberedEditsPerDocument = 1_024;

    /// <summary>
    /// How many of a student's most recent written page views are remembered by request id (the views not yet written
    /// are remembered with them): a retried view within them is not counted again.
    /// </summary>
    public const int RememberedPageViewsPerStudent = 256;
}
