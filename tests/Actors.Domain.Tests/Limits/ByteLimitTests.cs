using Actors.Contracts;
using Actors.Contracts.Classes;
using Actors.Contracts.Collections;
using Actors.Contracts.Documents;
using Actors.Contracts.Errors;
using Actors.Contracts.Students;
using Actors.Domain.Tests.Documents;
using Actors.Domain.Tests.Infrastructure;
using Actors.Grains.Classes;
using Actors.Grains.Students;
using Actors.Grains.Validation;
using Actors.Persistence.CockroachDb.Serialization;

namespace Actors.Domain.Tests.Limits;

/// <summary>
/// Every grain's stored size is bounded in bytes, not only by counts: a change that would pass the limit is refused
/// with RESOURCE_EXHAUSTED naming it, before anything is written.
/// </summary>
[Collection(DomainCollection.Name)]
public sealed class ByteLimitTests(DomainCluster cluster)
{
    [Fact]
    public async Task A_document_takes_annotations_up_to_its_byte_limit_and_refuses_the_rest_writing_none_of_them()
    {
        var (document, owner) = await DocumentFactory.CreateAsync(cluster);
        var stroke = LargestInk();
        var size = StoredSize.Of(new Annotation { Id = "ink000", AuthorId = owner.UserId, Page = 1, Body = stroke });
        var fit = (int)(DomainLimits.AnnotationBytesPerDocument / size);
        Assert.True(size <= DomainLimits.AnnotationBytes, $"The largest valid annotation ({size} bytes) must fit the per-annotation limit.");

        // All at once: they share a few writes (group commit), instead of ~150 writes of a growing row.
        var attempts = Enumerable.Range(0, fit + 5).Select(i => (Id: $"ink{i:D3}", Task: document.AddAnnotation(owner, new AnnotationDraft($"ink{i:D3}", 1, stroke)))).ToList();
        await Task.WhenAll(attempts.Select(a => a.Task.ContinueWith(_ => { }, TaskScheduler.Default)));

        var added = attempts.Where(a => a.Task.IsCompletedSuccessfully).Select(a => a.Id).ToList();
        var refused = attempts.Where(a => a.Task.IsFaulted).Select(a => a.Task.Exception!.InnerException).ToList();
        Assert.InRange(added.Count, fit - 1, fit);
        Assert.Equal(attempts.Count - added.Count, refused.Count);
        Assert.All(refused, e =>
        {
            var quota = Assert.IsType<QuotaExceededException>(e);
            Assert.Equal(DomainLimits.AnnotationBytesPerDocument, quota.Limit);
            Assert.Contains("the limit is 33,554,432 bytes", quota.Message, StringComparison.Ordinal);
        });

        // Storage holds exactly the acknowledged ones; deleting one makes room for one more.
        await cluster.DeactivateAsync(document);
        var stored = await document.GetAnnotations(owner);
        Assert.Equal(added.Order(StringComparer.Ordinal), stored.Annotations.Select(a => a.Id).Order(StringComparer.Ordinal));
        await document.DeleteAnnotation(owner, added[0]);
        await document.AddAnnotation(owner, new AnnotationDraft("after-delete", 1, stroke));
    }

    [Fact]
    public async Task A_student_change_past_the_byte_limit_is_refused_and_nothing_is_written_while_shrinking_still_works()
    {
        var school = TestSchool.Main;
        var studentId = TestIds.New("student");
        var me = Caller.Student(school.Id, studentId);
        var state = NearTheLimit(
            new StudentState
            {
                SchemaVersion = StudentState.CurrentSchemaVersion,
                RosteredAt = DateTimeOffset.UtcNow, // as if the school had rostered the student
                Profile = new StudentProfile { Name = "Wiremu", School = "Kura", YearLevel = 11 },
                Goals = TrackedDictionary<Goal>.Empty.Add("g1", new Goal { Id = "g1", Title = "Write every day", Status = GoalStatus.Active }),
            },
            (s, i) => s with { Reflections = s.Reflections.Add($"r{i:D3}", new Reflection { Id = $"r{i:D3}", Text = new string('a', 9_000), Subject = ReflectionSubject.Goal, SubjectId = "g1" }) },
            DomainLimits.StudentBytes - 1_000);
        await InsertRowAsync("student", school.Key(studentId), state);
        var student = school.Grain<IStudentGrain>(cluster, studentId);

        var error = await Assert.ThrowsAsync<QuotaExceededException>(() => student.WriteReflection(me, "one-more", new ReflectionDraft(new string('b', 10_000), ReflectionSubject.Goal, "g1")));

        Assert.Equal(DomainLimits.StudentBytes, error.Limit);
        Assert.Contains("the limit is 4,194,304 bytes", error.Message, StringComparison.Ordinal);
        Assert.Equal(1L, await RowVersionAsync("student", school.Key(studentId)));
        Assert.Equal(state.Reflections.Count, (await student.GetReflections(me)).Count);
        await student.ArchiveGoal(me, "g1"); // no bigger: allowed
        Assert.Equal(2L, await RowVersionAsync("student", school.Key(studentId)));
    }

    [Fact]
    public async Task A_class_refuses_an_assignment_whose_copies_would_take_it_past_the_byte_limit_before_recording_it()
    {
        var school = TestSchool.Main;
        var (classId, teacher) = (TestIds.New("class"), await school.TeacherAsync(cluster));
        var worksheet = TestIds.New("doc");
        await school.Grain<IDocumentGrain>(cluster, worksheet).Create(teacher, new DocumentDraft("Worksheet", 1, "s3://content/ws.pdf"));
        var students = Enumerable.Range(0, DomainLimits.StudentsPerClass).Select(i => $"s{i:D3}").ToList();
        var initial = new ClassState
        {
            SchemaVersion = ClassState.CurrentSchemaVersion,
            Title = "Lecture",
            TeacherId = teacher.UserId,
            Roster = [.. students.Select(s => new RosterEntry { StudentId = s, State = RosterState.Active })],
        };

        // Assignments whose work is all there already, until one more assignment's 500 work entries would not fit.
        var state = NearTheLimit(
            initial,
            (s, i) => s with
            {
                Assignments = s.Assignments.Add(new Assignment
                {
                    AssignmentId = $"a{i:D3}",
                    DocumentId = worksheet,
                    Title = "Worksheet",
                    Work = [.. students.Select(id => new StudentWork { StudentId = id, CopyDocumentId = DocumentCopyId.For(classId, $"a{i:D3}", id) })],
                }),
            },
            DomainLimits.ClassBytes - 20_000);
        Assert.True(ClassSize.Projected(state, classId) <= DomainLimits.ClassBytes);
        await InsertRowAsync("class", school.Key(classId), state);
        var course = school.Grain<IClassGrain>(cluster, classId);

        var error = await Assert.ThrowsAsync<QuotaExceededException>(() => course.AssignDocument(teacher, "one-more", new AssignmentDraft(worksheet, DateTimeOffset.UtcNow.AddDays(7))));

        Assert.Equal(DomainLimits.ClassBytes, error.Limit);
        Assert.Equal(1L, await RowVersionAsync("class", school.Key(classId)));
        Assert.Equal(state.Assignments.Count, (await course.GetDetails(teacher)).Assignments.Count);
    }

    /// <summary>An ink stroke as large as validation allows: the most points, each coordinate at full precision.</summary>
    private static InkBody LargestInk()
        => new() { Points = [.. Enumerable.Range(0, DomainLimits.InkPoints).Select(i => new PagePoint(0.1234567890123456 + (i * 1e-7), 0.9876543210987654 - (i * 1e-7)))], Color = "#1E88E5", Width = 0.003 };

    /// <summary>
    /// Grows <paramref name="state"/> with <paramref name="add"/> while it stays within <paramref name="bytes"/>. Measures
    /// after a run of additions that surely fit, not after each: measuring a state of megabytes is not free.
    /// </summary>
    private static T NearTheLimit<T>(T state, Func<T, int, T> add, long bytes)
    {
        var size = StoredSize.Of(state);
        for (var i = 0; ; )
        {
            var next = add(state, i++);
            var nextSize = StoredSize.Of(next);
            if (nextSize > bytes)
            {
                return state;
            }

            var surelyFit = ((bytes - nextSize) / (nextSize - size + 64)) - 1;
            for (var k = 0; k < surelyFit; k++)
            {
                next = add(next, i++);
            }

            (state, size) = (next, surelyFit > 0 ? StoredSize.Of(next) : nextSize);
        }
    }

    /// <summary>Writes a row as the storage provider would (its serializer; version 1).</summary>
    private Task InsertRowAsync<T>(string grainType, string key, T state)
        => cluster.Database.ScalarAsync(
            """
            INSERT INTO orleans_grain_state (service_id, grain_type, grain_key, state_name, version, state, write_id, modified_at)
            VALUES ($1, $2, $3, $2, 1, $4::jsonb, $5, now())
            """,
            cluster.ServiceId, grainType, key, new JsonGrainStateSerializer().Serialize(state).ToString(), Guid.NewGuid());

    private async Task<long> RowVersionAsync(string grainType, string key)
        => (long)(await cluster.Database.ScalarAsync(
            "SELECT version FROM orleans_grain_state WHERE service_id = $1 AND grain_type = $2 AND grain_key = $3",
            cluster.ServiceId, grainType, key))!;
}
