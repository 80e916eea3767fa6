using Actors.Contracts;
using Actors.Contracts.Classes;
using Actors.Contracts.Documents;
using Actors.Contracts.Errors;
using Actors.Domain.Tests.Documents;
using Actors.Domain.Tests.Infrastructure;

namespace Actors.Domain.Tests.Schools;

/// <summary>
/// Writes about a student that race their erasure: the student keeps annotating (a token still valid) and a teacher
/// keeps sharing documents with them while the school erases them. Whatever lands before a document is cleaned is
/// cleaned; whatever comes after is refused as if the student did not exist — so no row names them afterwards.
/// </summary>
[Collection(DomainCollection.Name)]
public sealed class ErasureRaceTests(DomainCluster cluster)
{
    // Each writer goes on until it has made this many attempts that began after the erasure returned.
    private const int AttemptsAfterErasure = 3;

    [Fact]
    public async Task Annotations_and_shares_racing_an_erasure_leave_no_trace_and_are_refused_after_it()
    {
        var school = TestSchool.New();
        var student = await school.StudentAsync(cluster);
        var teacher = await school.TeacherAsync(cluster);
        var classId = TestIds.New("class");
        var cls = school.Grain<IClassGrain>(cluster, classId);
        await cls.Create(school.Admin, new ClassDraft("Science", teacher.UserId));
        await cls.Enroll(school.Admin, student.UserId);
        var handout = school.Grain<IDocumentGrain>(cluster, TestIds.New("handout"));
        await handout.Create(teacher, new DocumentDraft("Cells", 2, "s3://docs/cells.pdf"));
        await handout.ShareWithClass(teacher, classId);
        var named = school.Grain<IDocumentGrain>(cluster, TestIds.New("named"));
        await named.Create(teacher, new DocumentDraft("Lab notes", 1, "s3://docs/lab.pdf"));
        await named.ShareWithReader(teacher, student.UserId);

        var erased = false;
        var writers = new[]
        {
            new Writer("annotating the handout", i => handout.AddAnnotation(student, DocumentFactory.Comment($"n-handout-{i}"))),
            new Writer("annotating the named document", i => named.AddAnnotation(student, DocumentFactory.Comment($"n-named-{i}"))),
            new Writer("sharing documents", async i =>
            {
                // A new document each time (linked for the first time), and the one already shared (linked before).
                if (i % 2 == 0)
                {
                    var fresh = school.Grain<IDocumentGrain>(cluster, TestIds.New("fresh"));
                    await fresh.Create(teacher, new DocumentDraft($"Handout {i}", 1, "s3://docs/fresh.pdf"));
                    await fresh.ShareWithReader(teacher, student.UserId);
                }
                else
                {
                    await named.ShareWithReader(teacher, student.UserId);
                }
            }),
        };
        var running = writers.Select(w => w.RunAsync(() => Volatile.Read(ref erased))).ToArray();

        // Barrier: every writer is under way (has written successfully) before the erasure starts.
        await Eventually.HoldsAsync(() => Task.FromResult(writers.All(w => w.Succeeded >= 2)), "every writer has written");
        await school.Roster(cluster).EraseStudent(school.Admin, student.UserId);
        Volatile.Write(ref erased, true);
        await Task.WhenAll(running);

        foreach (var writer in writers)
        {
            // While the erasure ran: written (and then cleaned) or refused as missing — nothing else.
            Assert.All(writer.During, o => Assert.True(o is null or NotFoundException, $"{writer.Name} during the erasure: {o}"));

            // After it: refused as missing, every time.
            Assert.All(writer.After, o => Assert.True(o is NotFoundException, $"{writer.Name} after the erasure: {o?.ToString() ?? "succeeded"}"));
        }

        Assert.False(await StoredMentions.AnyAsync(cluster, student.UserId), $"a state or item row still mentions the erased student: {await StoredMentions.ListAsync(cluster, student.UserId)}");
        Assert.Empty((await handout.GetAnnotations(teacher)).Annotations);
        Assert.DoesNotContain(student.UserId, (await named.GetInfo(teacher)).ReaderIds);
    }

    /// <summary>One kind of write repeated until enough attempts began after the erasure; each outcome kept (null: succeeded).</summary>
    private sealed class Writer(string name, Func<int, Task> write)
    {
        private int _succeeded;

        public string Name => name;

        public int Succeeded => Volatile.Read(ref _succeeded);

        public List<Exception?> During { get; } = [];

        public List<Exception?> After { get; } = [];

        public async Task RunAsync(Func<bool> erasureReturned)
        {
            await Task.Yield();
            for (var i = 0; After.Count < AttemptsAfterErasure; i++)
            {
                var after = erasureReturned();
                Exception? outcome = null;
                try
                {
                    await write(i);
                    Interlocked.Increment(ref _succeeded);
                }
                catch (Exception e)
                {
                    outcome = e;
                }

                (after ? After : During).Add(outcome);
            }
        }
    }
}
