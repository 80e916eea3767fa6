using Actors.Contracts.Documents;
using Actors.Domain.Tests.Infrastructure;
using Actors.Persistence.CockroachDb.Storage;
using Xunit.Abstractions;

namespace Actors.Domain.Tests.Documents;

/// <summary>Annotation writes arriving together share storage writes; each is acknowledged only once durable.</summary>
[Collection(DomainCollection.Name)]
public sealed class GroupCommitTests(DomainCluster cluster, ITestOutputHelper output)
{
    [Fact]
    public async Task Two_hundred_concurrent_adds_all_persist_in_far_fewer_writes()
    {
        const int adds = 200;
        var (document, owner) = await DocumentFactory.CreateAsync(cluster);
        var id = document.GetGrainId();
        var writesBefore = cluster.WritesOf(document);

        // The first add's write is held until every add has reached the document, so what group commit does with the
        // rest does not depend on how fast the machine delivers 200 calls (left to chance, a busy machine delivered
        // them slowly enough for 103 writes).
        var release = cluster.Storage.HoldNextWrite(id);
        var entered = cluster.Calls.Entered(id, nameof(IDocumentGrain.AddAnnotation));
        var adding = Task.WhenAll(Enumerable.Range(0, adds).Select(i => document.AddAnnotation(owner, DocumentFactory.Comment($"a{i:D3}", $"comment {i}"))));
        await Eventually.HoldsAsync(() => Task.FromResult(cluster.Calls.Entered(id, nameof(IDocumentGrain.AddAnnotation)) - entered == adds), $"all {adds} adds reached the document");
        release.SetResult();
        var added = await adding;

        // The held write carries the first add; the other 199 queued behind it and share the next write (a write takes
        // up to DocumentGrainOptions.MaxChangesPerWrite, 500).
        var writes = cluster.WritesOf(document) - writesBefore;
        output.WriteLine($"{adds} concurrent annotation adds took {writes} storage writes.");
        Assert.Equal(2, writes);
        Assert.Equal(Enumerable.Range(1, adds).Select(i => (long)i), added.Select(a => a.AddedAtSequence).Order());

        await cluster.DeactivateAsync(document);
        var stored = await document.GetAnnotations(owner);
        Assert.Equal(adds, stored.Annotations.Count);
        Assert.Equal(adds, stored.Sequence);
        Assert.Equal(added.Select(a => a.Id).Order(), stored.Annotations.Select(a => a.Id).Order());
        Assert.All(stored.Annotations, a => Assert.Equal(added.Single(x => x.Id == a.Id).Body, a.Body, AnnotationBodyComparer.Instance));
    }

    [Fact]
    public async Task A_failed_write_fails_exactly_its_changes_and_memory_stays_equal_to_storage()
    {
        const int adds = 60;
        var (document, owner) = await DocumentFactory.CreateAsync(cluster);
        var id = document.GetGrainId();

        // The first add's write is held until every add has reached the grain and queued behind it; those then
        // share the second write, which fails.
        var release = cluster.Storage.HoldNextWrite(id);
        cluster.Storage.FailNextWrites(id, skip: 1);
        var entered = cluster.Calls.Entered(id, nameof(IDocumentGrain.AddAnnotation));
        var attempts = Enumerable.Range(0, adds).Select(i => (Id: $"f{i:D2}", Task: document.AddAnnotation(owner, DocumentFactory.Ink($"f{i:D2}")))).ToList();
        await Eventually.HoldsAsync(() => Task.FromResult(cluster.Calls.Entered(id, nameof(IDocumentGrain.AddAnnotation)) - entered == adds), $"all {adds} adds reached the document");
        release.SetResult();
        await Task.WhenAll(attempts.Select(a => a.Task).Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));

        var succeeded = attempts.Where(a => a.Task.IsCompletedSuccessfully).ToList();
        var failed = attempts.Where(a => a.Task.IsFaulted).ToList();
        output.WriteLine($"{failed.Count} adds failed with the injected write failure, {succeeded.Count} succeeded.");
        Assert.Single(succeeded);
        Assert.Equal(adds - 1, failed.Count);
        Assert.All(failed, a => StorageErrors.AssertTransientStorageFailure(a.Task.Exception!.InnerException));

        // What the activation serves is exactly what was acknowledged, numbered without gaps...
        var served = await document.GetAnnotations(owner);
        Assert.Equal(succeeded.Select(a => a.Id), served.Annotations.Select(a => a.Id));
        Assert.Equal((1L, 1L), (served.Sequence, served.Annotations[0].AddedAtSequence));

        // ...and exactly what storage holds.
        await cluster.DeactivateAsync(document);
        var stored = await document.GetAnnotations(owner);
        Assert.Equal(served.Annotations.Select(a => (a.Id, a.AddedAtSequence)), stored.Annotations.Select(a => (a.Id, a.AddedAtSequence)));

        // The failed ones were not applied, so retrying them (same ids) adds each once.
        await Task.WhenAll(failed.Select(a => document.AddAnnotation(owner, DocumentFactory.Ink(a.Id))));
        var all = await document.GetAnnotations(owner);
        Assert.Equal(adds, all.Annotations.Count);
        Assert.Equal(Enumerable.Range(1, adds).Select(i => (long)i), all.Annotations.Select(a => a.AddedAtSequence));
    }

    [Fact]
    public async Task A_refused_change_fails_alone_while_the_rest_of_its_group_is_written()
    {
        const int adds = 20;
        var (document, owner) = await DocumentFactory.CreateAsync(cluster);
        var id = document.GetGrainId();
        var stranger = Actors.Contracts.Caller.Student(TestSchool.Main.Id, TestIds.New("student"));
        await document.ShareWithReader(owner, stranger.UserId);
        var owned = await document.AddAnnotation(owner, DocumentFactory.Comment("owned"));
        var writesBefore = cluster.WritesOf(document);

        // A write is in flight (held) while the stranger's edit of the owner's annotation and the adds arrive, so they
        // queue behind it and are applied as one group, in which the edit is refused (only its author may edit).
        var release = cluster.Storage.HoldNextWrite(id);
        var entered = cluster.Calls.Entered(id, nameof(IDocumentGrain.AddAnnotation)) + cluster.Calls.Entered(id, nameof(IDocumentGrain.EditAnnotation));
        var inFlight = document.AddAnnotation(owner, DocumentFactory.Highlight("in-flight"));
        var edit = document.EditAnnotation(stranger, owned.Id, new CommentBody { Anchor = new PagePoint(0, 0), Text = "mine now" });
        var grouped = Enumerable.Range(0, adds).Select(i => document.AddAnnotation(stranger, DocumentFactory.Highlight($"h{i}"))).ToList();
        await Eventually.HoldsAsync(
            () => Task.FromResult(cluster.Calls.Entered(id, nameof(IDocumentGrain.AddAnnotation)) + cluster.Calls.Entered(id, nameof(IDocumentGrain.EditAnnotation)) - entered == adds + 2),
            "the edit and every add reached the document");
        release.SetResult();

        await Assert.ThrowsAsync<Actors.Contracts.Errors.AccessDeniedException>(() => edit);
        await inFlight;
        await Task.WhenAll(grouped);
        Assert.Equal(2, cluster.WritesOf(document) - writesBefore); // the held write, then the whole group in one
        await cluster.DeactivateAsync(document);
        var stored = await document.GetAnnotations(owner);
        Assert.Equal(adds + 2, stored.Annotations.Count);
        Assert.Equal("Nice work", ((CommentBody)stored.Annotations.Single(a => a.Id == "owned").Body).Text);
        Assert.Equal(Enumerable.Range(1, adds + 2).Select(i => (long)i), stored.Annotations.Select(a => a.AddedAtSequence));
    }
}
