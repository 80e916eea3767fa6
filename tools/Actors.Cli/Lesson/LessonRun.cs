using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Actors.Api.Client;
using Actors.Api.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;

namespace Actors.Cli.Lesson;

/// <summary>
/// One lesson through the gateway's public API in one school, as the frontends would play it: the school's
/// administrator rosters a teacher and the students; the teacher sets up a class, invites the students (half of
/// them accept the invitation, half join with the class's code) and a document, opens a live watch on it, the
/// students annotate it all at once, each hands in their copy, and the teacher's view is checked against what the
/// students were told was saved.
/// </summary>
internal sealed class LessonRun(Uri gateway, string school, Func<string, string, string> mint, TextWriter output)
{
    private static readonly TimeSpan CatchUpTimeout = TimeSpan.FromSeconds(30);

    public async Task<bool> PlayAsync(int studentCount, int annotationsEach, CancellationToken cancellationToken)
    {
        using var channel = GrpcChannel.ForAddress(gateway);
        var (classes, documents, schools) = (new ClassService.ClassServiceClient(channel), new DocumentService.DocumentServiceClient(channel), new SchoolService.SchoolServiceClient(channel));
        var run = Guid.NewGuid().ToString("N")[..6];
        var teacher = $"teacher-{run}";
        var students = Enumerable.Range(1, studentCount).Select(i => $"student-{run}-{i}").ToList();
        var (classId, docId, assignmentId) = ($"class-{run}", $"doc-{run}", $"lesson-{run}");
        var asTeacher = Options(teacher, "teacher", cancellationToken);
        var clock = Stopwatch.StartNew();

        output.WriteLine($"Lesson {run} in school {school} against {gateway}");
        var asAdmin = Options($"admin-{run}", "school_admin", cancellationToken);
        await schools.AddMemberAsync(new() { UserId = teacher, Role = SchoolRole.Teacher, DisplayName = $"Teacher {run}" }, asAdmin);
        foreach (var student in students)
        {
            await schools.AddMemberAsync(new() { UserId = student, Role = SchoolRole.Student, DisplayName = $"Student {student}" }, asAdmin);
        }

        output.WriteLine($"  school admin: rostered {teacher} and {students.Count} students in {clock.ElapsedMilliseconds} ms");
        await classes.CreateClassAsync(new() { ClassId = classId, Title = $"Science (lesson {run})" }, asTeacher);
        var code = await classes.GetJoinCodeAsync(new() { ClassId = classId }, asTeacher);
        for (var i = 0; i < students.Count; i++)
        {
            // Half are invited and accept; half join with the code the teacher gives out. Either way the teacher sees
            // nothing of a student until the student has said yes.
            var asStudent = Options(students[i], "student", cancellationToken);
            if (i % 2 == 0)
            {
                await classes.EnrollStudentAsync(new() { ClassId = classId, StudentId = students[i] }, asTeacher);
                await classes.AcceptInvitationAsync(new() { ClassId = classId }, asStudent);
            }
            else
            {
                await classes.JoinClassAsync(new() { ClassId = classId, JoinCode = code.JoinCode }, asStudent);
            }
        }

        await documents.CreateDocumentAsync(new() { DocumentId = docId, Title = "The water cycle", PageCount = 6, ContentRef = $"s3://lessons/{run}/water-cycle.pdf" }, asTeacher);
        await documents.ShareWithClassAsync(new() { DocumentId = docId, ClassId = classId }, asTeacher);
        var assignment = await classes.AssignDocumentAsync(
            new() { ClassId = classId, AssignmentId = assignmentId, DocumentId = docId, DueTime = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(1)) }, asTeacher);
        output.WriteLine($"  teacher {teacher}: class {classId} (join code {code.JoinCode}) with {students.Count} students, document {docId} shared and assigned ({assignment.WorkCount} copies) in {clock.ElapsedMilliseconds} ms");

        // The teacher watches the shared document live from its current state.
        var start = await documents.GetDocumentAsync(new() { DocumentId = docId }, asTeacher);
        using var stopWatching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var seen = new ConcurrentDictionary<string, AnnotationEvent>();
        var watching = WatchAsync(documents, docId, start.Sequence, teacher, seen, clock, stopWatching.Token);

        var saved = new ConcurrentBag<string>();
        await Task.WhenAll(students.Select(student => AnnotateAndHandInAsync(classes, documents, student, docId, classId, assignmentId, annotationsEach, saved, cancellationToken)));
        output.WriteLine($"  {students.Count} students saved {saved.Count} annotations by {clock.ElapsedMilliseconds} ms");

        var caughtUp = Stopwatch.StartNew();
        while (!saved.All(seen.ContainsKey) && caughtUp.Elapsed < CatchUpTimeout)
        {
            await Task.Delay(50, cancellationToken);
        }

        await stopWatching.CancelAsync();
        await watching;
        return await SummarizeAsync(classes, documents, asTeacher, classId, assignmentId, docId, [.. saved], seen);
    }

    private async Task AnnotateAndHandInAsync(
        ClassService.ClassServiceClient classes, DocumentService.DocumentServiceClient documents, string student, string docId, string classId,
        string assignmentId, int count, ConcurrentBag<string> saved, CancellationToken cancellationToken)
    {
        var asStudent = Options(student, "student", cancellationToken);
        var random = new Random(student.GetHashCode(StringComparison.Ordinal));
        for (var i = 0; i < count; i++)
        {
            // The id is made before the first attempt, so a retry could never add the annotation twice.
            var id = $"{student}-n{i}";
            var body = (i % 3) switch
            {
                0 => new AnnotationBody { Comment = new CommentBody { Anchor = Point(random), Text = $"Question {i + 1} from {student}" } },
                1 => new AnnotationBody { Highlight = new HighlightBody { Rects = { new PageRect { X = 0.1, Y = random.NextDouble() * 0.8, Width = 0.6, Height = 0.04 } } } },
                _ => new AnnotationBody { Ink = new InkBody { Points = { Point(random), Point(random), Point(random) }, Color = "#1565C0" } },
            };
            await documents.AddAnnotationAsync(new() { DocumentId = docId, AnnotationId = id, Page = 1 + (i % 6), Body = body }, asStudent);
            saved.Add(id);
        }

        await classes.SetSubmissionStatusAsync(new() { ClassId = classId, AssignmentId = assignmentId, StudentId = student, Status = SubmissionStatus.Submitted }, asStudent);
    }

    /// <summary>The teacher's live view: resumes by itself when a stream ends (the gateway's maximum stream lifetime, a restart).</summary>
    private async Task WatchAsync(
        DocumentService.DocumentServiceClient documents, string docId, long after, string teacher, ConcurrentDictionary<string, AnnotationEvent> seen, Stopwatch clock, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var e in documents.WatchResumingAsync(docId, after, ct => Options(teacher, "teacher", ct), cancellationToken: cancellationToken))
            {
                if (e.Kind == AnnotationEventKind.Added)
                {
                    seen[e.AnnotationId] = e;
                    output.WriteLine($"  [{clock.ElapsedMilliseconds,6} ms] #{e.Sequence,-4} {e.ActorId} added {e.Annotation.Body.KindCase.ToString().ToLowerInvariant()} on page {e.Annotation.Page}");
                }
                else
                {
                    output.WriteLine($"  [{clock.ElapsedMilliseconds,6} ms] #{e.Sequence,-4} {e.Kind} {e.AnnotationId}");
                }
            }
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled && cancellationToken.IsCancellationRequested)
        {
            // We stopped watching.
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task<bool> SummarizeAsync(
        ClassService.ClassServiceClient classes, DocumentService.DocumentServiceClient documents, CallOptions asTeacher,
        string classId, string assignmentId, string docId, IReadOnlyList<string> saved, ConcurrentDictionary<string, AnnotationEvent> seen)
    {
        var stored = new List<Annotation>();
        var token = "";
        do
        {
            var page = await documents.ListAnnotationsAsync(new() { DocumentId = docId, PageToken = token }, asTeacher);
            stored.AddRange(page.Annotations);
            token = page.NextPageToken;
        }
        while (token.Length > 0);

        var work = await classes.ListSubmissionsAsync(new() { ClassId = classId, AssignmentId = assignmentId }, asTeacher);
        var sequences = seen.Values.Select(e => e.Sequence).Order().ToList();
        var inOrder = sequences.Zip(sequences.Skip(1)).All(p => p.Second == p.First + 1);
        var missed = saved.Where(id => !seen.ContainsKey(id)).ToList();

        output.WriteLine();
        output.WriteLine("Summary");
        output.WriteLine($"  annotations saved by students: {saved.Count}; stored on the document: {stored.Count}; seen live by the teacher: {seen.Count}");
        output.WriteLine($"  live events consecutive by sequence: {(inOrder ? "yes" : "NO")}; missed by the teacher: {missed.Count}");
        foreach (var group in seen.Values.GroupBy(e => e.ActorId).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"  {group.Key}: {group.Count()} annotations ({string.Join(", ", group.GroupBy(e => e.Annotation.Body.KindCase).Select(k => $"{k.Count()} {k.Key.ToString().ToLowerInvariant()}"))})");
        }

        output.WriteLine($"  submissions: {string.Join(", ", work.Work.GroupBy(w => w.Status).Select(g => $"{g.Count()} {g.Key}"))}");
        var ok = missed.Count == 0 && inOrder && stored.Count == saved.Count && work.Work.All(w => w.Status == SubmissionStatus.Submitted);
        output.WriteLine(ok ? "  OK: the teacher saw every saved annotation, in order." : "  PROBLEM: see above.");
        return ok;
    }

    private CallOptions Options(string user, string role, CancellationToken cancellationToken)
        => Bearer.Options(mint(user, role), DateTime.UtcNow.AddMinutes(5), cancellationToken);

    private static PagePoint Point(Random random) => new() { X = Math.Round(random.NextDouble(), 3), Y = Math.Round(random.NextDouble(), 3) };
}
