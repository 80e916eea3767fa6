using Actors.Contracts;
using Actors.Contracts.Documents;
using Actors.Contracts.Errors;
using Actors.Domain.Tests.Infrastructure;

namespace Actors.Domain.Tests.Documents;

/// <summary>An edit carries a request id, so a retried edit applies once: no second change, no second event.</summary>
[Collection(DomainCollection.Name)]
public sealed class IdempotentEditTests(DomainCluster cluster)
{
    private static readonly CommentBody Revised = new() { Anchor = new PagePoint(0.5, 0.5), Text = "Revised" };

    [Fact]
    public async Task The_same_request_id_twice_applies_the_edit_once_also_after_a_deactivation()
    {
        var (document, owner) = await DocumentFactory.CreateAsync(cluster);
        await document.AddAnnotation(owner, DocumentFactory.Comment("c1"));

        var first = await document.EditAnnotation(owner, "c1", Revised, requestId: "edit-1");
        var again = await document.EditAnnotation(owner, "c1", Revised, requestId: "edit-1");
        await cluster.DeactivateAsync(document);
        var afterRestart = await document.EditAnnotation(owner, "c1", Revised, requestId: "edit-1");

        Assert.Equal(2, first.ChangedAtSequence);
        Assert.Equal([2L, 2L], new[] { again.ChangedAtSequence, afterRestart.ChangedAtSequence });
        Assert.Equal(2, (await document.GetInfo(owner)).Sequence);
    }

    [Fact]
    public async Task Request_ids_are_the_caller_s_own_and_name_one_annotation()
    {
        var (document, owner) = await DocumentFactory.CreateAsync(cluster);
        var reader = Caller.Student(owner.SchoolId, TestIds.New("student"));
        await document.ShareWithReader(owner, reader.UserId);
        await document.AddAnnotation(owner, DocumentFactory.Comment("mine"));
        await document.AddAnnotation(reader, DocumentFactory.Comment("theirs"));
        await document.EditAnnotation(owner, "mine", Revised, requestId: "r1");

        // Another user's "r1" is another request; the same user's "r1" on another annotation is a client bug.
        var theirs = await document.EditAnnotation(reader, "theirs", Revised, requestId: "r1");
        await Assert.ThrowsAsync<ConflictException>(() => document.EditAnnotation(owner, "theirs", Revised, requestId: "r1"));

        Assert.Equal(4, theirs.ChangedAtSequence);
        Assert.Equal(4, (await document.GetInfo(owner)).Sequence);
    }

    [Fact]
    public async Task A_retry_after_a_first_attempt_that_timed_out_but_applied_applies_once()
    {
        var (document, owner) = await DocumentFactory.CreateAsync(cluster);
        await document.AddAnnotation(owner, DocumentFactory.Comment("c1"));
        var id = document.GetGrainId();

        // The first attempt reaches the document and queues its change, but the write is slow: the caller gives up.
        var release = cluster.Storage.HoldNextWrite(id);
        var entered = cluster.Calls.Entered(id, nameof(IDocumentGrain.EditAnnotation));
        using var giveUp = new CancellationTokenSource();
        var firstAttempt = document.EditAnnotation(owner, "c1", Revised, requestId: "slow-edit", cancellationToken: giveUp.Token);
        await Eventually.HoldsAsync(() => Task.FromResult(cluster.Calls.Entered(id, nameof(IDocumentGrain.EditAnnotation)) > entered), "the first attempt reached the document");
        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => firstAttempt);

        // The write goes through after all: the edit applied although its caller heard nothing.
        release.SetResult();
        await Eventually.HoldsAsync(async () => (await document.GetInfo(owner)).Sequence == 2, "the first attempt's edit is durable");

        var retried = await document.EditAnnotation(owner, "c1", Revised, requestId: "slow-edit");

        Assert.Equal(2, retried.ChangedAtSequence);
        Assert.Equal(2, (await document.GetInfo(owner)).Sequence);
    }
}
