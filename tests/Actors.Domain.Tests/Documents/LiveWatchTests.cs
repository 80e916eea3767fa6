using Actors.Contracts;
using Actors.Contracts.Documents;
using Actors.Contracts.Errors;
using Actors.Domain.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Actors.Domain.Tests.Documents;

/// <summary>Watching a document's annotation events: in order, the same for every watcher, resumable.</summary>
[Collection(DomainCollection.Name)]
public sealed class LiveWatchTests(DomainCluster cluster)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Two_watchers_see_the_same_annotations_in_the_order_they_were_applied()
    {
        var (document, owner) = await DocumentFactory.CreateAsync(cluster);
        var authors = Enumerable.Range(0, 4).Select(i => Caller.Student(TestSchool.Main.Id, TestIds.New($"author{i}"))).ToList();
        foreach (var author in authors)
        {
            await document.ShareWithReader(owner, author.UserId);
        }

        using var stop = new CancellationTokenSource(Deadline);
        var first = CollectAsync(document.WatchAnnotations(owner, 0, stop.Token), 40, stop.Token);
        var second = CollectAsync(document.WatchAnnotations(authors[0], 0, stop.Token), 40, stop.Token);

        // Concurrent adds from several authors, and an edit and a delete in between.
        var added = await Task.WhenAll(Enumerable.Range(0, 38).Select(i => document.AddAnnotation(authors[i % authors.Count], DocumentFactory.Highlight($"w{i:D2}"))));
        await document.EditAnnotation(authors[1], "w01", new HighlightBody { Rects = [new PageRect(0, 0, 0.5, 0.5)], Color = "#000000" });
        await document.DeleteAnnotation(owner, "w02");

        var seenByFirst = await first;
        var seenBySecond = await second;
        Assert.Equal(Describe(seenByFirst), Describe(seenBySecond));
        Assert.Equal(Enumerable.Range(1, 40).Select(i => (long)i), seenByFirst.Select(e => e.Sequence));

        // The order is the order of application: the sequence each add was acknowledged with.
        var appliedOrder = added.OrderBy(a => a.AddedAtSequence).Select(a => a.Id);
        Assert.Equal(appliedOrder, seenByFirst.Where(e => e.Kind == AnnotationEventKind.Added).Select(e => e.AnnotationId));
        Assert.Equal((AnnotationEventKind.Edited, "w01"), (seenByFirst[38].Kind, seenByFirst[38].AnnotationId));
        Assert.Equal((AnnotationEventKind.Deleted, "w02"), (seenByFirst[39].Kind, seenByFirst[39].AnnotationId));
    }

    [Fact]
    public async Task A_watcher_that_asks_for_nothing_or_for_changes_no_longer_held_starts_with_a_snapshot()
    {
        var (document, owner) = await DocumentFactory.CreateAsync(cluster);
        for (var i = 0; i < 3; i++)
        {
            await document.AddAnnotation(owner, DocumentFactory.Comment($"c{i}"));
        }

        using var stop = new CancellationTokenSource(Deadline);
        var fresh = await CollectAsync(document.WatchAnnotations(owner, -1, stop.Token), 1, stop.Token);
        AssertSnapshot(fresh[0], 3, ["c0", "c1", "c2"]);

        // A new activation holds no past events in memory: resuming from 1 needs a snapshot.
        await cluster.DeactivateAsync(document);
        var resumed = await CollectAsync(document.WatchAnnotations(owner, 1, stop.Token), 1, stop.Token);
        AssertSnapshot(resumed[0], 3, ["c0", "c1", "c2"]);

        // From the sequence it holds, a watcher gets the events after it, not a snapshot.
        var live = CollectAsync(document.WatchAnnotations(owner, 3, stop.Token), 1, stop.Token);
        await document.AddAnnotation(owner, DocumentFactory.Comment("c3"));
        var next = Assert.Single(await live);
        Assert.Equal((4L, AnnotationEventKind.Added, "c3"), (next.Sequence, next.Kind, next.AnnotationId));
    }

    [Fact]
    public async Task A_resuming_watcher_carries_on_without_gaps_after_the_document_is_deactivated()
    {
        var (document, owner) = await DocumentFactory.CreateAsync(cluster);
        using var stop = new CancellationTokenSource(Deadline);
        var heldAllBefore = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var watcher = CollectAsync(document.WatchResumingAsync(owner, 0, cancellationToken: stop.Token), 10, stop.Token, seen =>
        {
            if (seen == 5)
            {
                heldAllBefore.TrySetResult();
            }
        });

        for (var i = 0; i < 5; i++)
        {
            await document.AddAnnotation(owner, DocumentFactory.Ink($"before{i}"));
        }

        // The watcher must hold all five before the activation goes: a new activation keeps no past events in memory,
        // so a watcher still behind then resumes with a snapshot (by design, see the snapshot test) and would never
        // count ten events. On a busy machine the watcher's first calls can lag the awaited adds; this was the flake.
        await heldAllBefore.Task.WaitAsync(stop.Token);
        await cluster.DeactivateAsync(document);
        for (var i = 0; i < 5; i++)
        {
            await document.AddAnnotation(owner, DocumentFactory.Ink($"after{i}"));
        }

        var events = await watcher;
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), events.Select(e => e.Sequence));
        Assert.Equal(
            Enumerable.Range(0, 5).Select(i => $"before{i}").Concat(Enumerable.Range(0, 5).Select(i => $"after{i}")),
            events.Select(e => e.AnnotationId));
    }

    [Fact]
    public async Task A_resuming_watcher_that_was_behind_when_the_document_deactivated_gets_a_snapshot_then_the_live_events()
    {
        var (document, owner) = await DocumentFactory.CreateAsync(cluster);
        for (var i = 0; i < 5; i++)
        {
            await document.AddAnnotation(owner, DocumentFactory.Ink($"before{i}"));
        }

        await cluster.DeactivateAsync(document);

        // It had seen only two of the five: the new activation cannot replay 3..5, so it sends everything as a
        // snapshot at 5, and the live events follow it without a gap.
        using var stop = new CancellationTokenSource(Deadline);
        var watcher = CollectAsync(document.WatchResumingAsync(owner, 2, cancellationToken: stop.Token), 6, stop.Token);
        for (var i = 0; i < 5; i++)
        {
            await document.AddAnnotation(owner, DocumentFactory.Ink($"after{i}"));
        }

        var events = await watcher;
        AssertSnapshot(events[0], 5, [.. Enumerable.Range(0, 5).Select(i => $"before{i}")]);
        Assert.Equal(Enumerable.Range(6, 5).Select(i => (long)i), events.Skip(1).Select(e => e.Sequence));
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"after{i}"), events.Skip(1).Select(e => e.AnnotationId));
    }

    [Fact]
    public async Task Deactivation_ends_a_waiting_watch_at_once_instead_of_waiting_for_its_long_poll()
    {
        var (document, owner) = await DocumentFactory.CreateAsync(cluster);
        await document.AddAnnotation(owner, DocumentFactory.Comment("first"));
        await using var watch = document.WatchAnnotations(owner, 0).GetAsyncEnumerator();

        // The first change arrives: the watch is established at this activation. (Asking for a change the document
        // does not hold as the first call raced the deactivation below: the calls' own token signing can send it after
        // them, and it then started at the next activation and waited there for good.)
        Assert.True(await watch.MoveNextAsync().AsTask().WaitAsync(Deadline));

        // Asks for the next change: the document holds none, so this call waits at the grain (a long poll).
        var next = watch.MoveNextAsync().AsTask();
        await document.GetInfo(owner); // sent after it on the same connection: the watch is waiting by now
        Assert.False(next.IsCompleted);

        // Orleans runs OnDeactivateAsync only once no request runs; a waiting watch would hold the deactivation
        // until its poll times out (half the response timeout). Well before that, the watch must have ended.
        var pollTimeout = cluster.Cluster.Silos[0].ServiceProvider.GetRequiredService<IOptions<SiloMessagingOptions>>().Value.ResponseTimeout / 2;
        await cluster.DeactivateAsync(document).WaitAsync(pollTimeout / 2);

        // Ended by the deactivation (false), or, had the call reached the grain only after it, refused by the next
        // activation, which holds no such enumeration (EnumerationAbortedException).
        var ended = await Record.ExceptionAsync(async () => Assert.False(await next.WaitAsync(Deadline)));
        Assert.True(ended is null or EnumerationAbortedException, $"The watch ended with {ended}.");
    }

    [Fact]
    public async Task Only_readers_may_watch()
    {
        var (document, _) = await DocumentFactory.CreateAsync(cluster);
        var stranger = Caller.Student(TestSchool.Main.Id, TestIds.New("stranger"));
        await Assert.ThrowsAsync<AccessDeniedException>(async () =>
        {
            await foreach (var _ in document.WatchAnnotations(stranger, 0))
            {
            }
        });
    }

    private static async Task<List<AnnotationEvent>> CollectAsync(
        IAsyncEnumerable<AnnotationEvent> events, int count, CancellationToken cancellationToken, Action<int>? onSeen = null)
    {
        var seen = new List<AnnotationEvent>();
        await foreach (var e in events.WithCancellation(cancellationToken))
        {
            seen.Add(e);
            onSeen?.Invoke(seen.Count);
            if (seen.Count == count)
            {
                break;
            }
        }

        return seen;
    }

    private static IEnumerable<string> Describe(IEnumerable<AnnotationEvent> events)
        => events.Select(e => $"{e.Sequence}:{e.Kind}:{e.AnnotationId}");

    private static void AssertSnapshot(AnnotationEvent e, long sequence, string[] ids)
    {
        Assert.Equal(AnnotationEventKind.Snapshot, e.Kind);
        Assert.Equal(sequence, e.Sequence);
        Assert.Equal(ids, e.Snapshot!.Select(a => a.Id));
    }
}
