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
/// One lesson through the gateway's public API, as the frontends would play it: the teacher sets up a class and a
/// document, opens a live watch on it, the students annotate it all at once, each hands in their copy, and the
/// teacher's view is checked against what the students were told was saved.
/// </summary>
internal sealed class LessonRun(Uri gateway, Func<string, string, string> mint, TextWriter output)
{
    private static readonly TimeSpan CatchUpTimeout = TimeSpan.FromSeconds(30);

    public async Task<bool> PlayAsync(int studentCount, int annotationsEach, CancellationToken cancellationToken)
    {
        using var channel = GrpcChannel.ForAddress(gateway);
        var (classes, documents) = (new ClassService.ClassServiceClient(channel), new DocumentService.DocumentServiceClient(channel));
        var run = Guid.NewGuid().ToString("N")[..6];
        var teacher = $"teacher-{run}";
        var students = Enumerable.Range(1, studentCount).Select(i => $"student-{run}-{i}").ToList();
        var (classId, docId, assignmentId) = ($"class-{run}", $"doc-{run}", $"lesson-{run}");
        var asTeacher = Options(teacher, "teacher", cancellationToken);
        var clock = Stopwatch.StartNew();

        output.WriteLine($"Lesson {run} against {gateway}");
        await classes.CreateClassAsync(new() { ClassId = classId, Title = $"Science (lesson {run})" }, asTeacher);
        foreach (var student in students)
        {
            await classes.EnrollStudentAsync(new() { ClassId = classId, StudentId = student }, asTeacher);
        }

        await documents.CreateDocumentAsync(new() { DocumentId = docId, Title = "The water cycle", PageCount = 6, ContentRef = $"s3://lessons/{run}/water-cycle.pdf" }, asTeacher);
        await documents.ShareWithClassAsync(new() { DocumentId = docId, ClassId = classId }, asTeacher);
        var assignment = await classes.AssignDocumentAsync(
            new() { ClassId = classId, AssignmentId = assignmentId, DocumentId = docId, DueTime = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(1)) }, asTeacher);
        output.WriteLine($"  teacher {teacher}: class {classId} with {students.Count} students, document {docId} shared and assigned ({assignment.WorkCount} copies) in {clock.ElapsedMilliseconds} ms");

        // The teacher watches the shared document live from its current state.
        var start = await documents.GetDocumentAsync(new() { DocumentId = docId }, asTeacher);
        using var stopWatching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var seen = new ConcurrentDictionary<string, AnnotationEvent>();
        using var watch = documents.WatchAnnotations(new() { DocumentId = docId, AfterSequence = start.Sequence }, Options(teacher, "teacher", stopWatching.Token));
        var watching = WatchAsync(watch, seen, clock, stopWatching.Token);

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

    private async Task WatchAsync(AsyncServerStreamingCall<AnnotationEvent> watch, ConcurrentDictionary<string, AnnotationEvent> seen, Stopwatch clock, CancellationToken cancellationToken)
    {
        try
        {
            while (await watch.ResponseStream.MoveNext(cancellationToken))
            {
                var e = watch.ResponseStream.Current;
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
