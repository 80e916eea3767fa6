using Actors.Contracts;
using Actors.Contracts.Documents;
using Actors.Contracts.Errors;
using Actors.Domain.Tests.Classes;
using Actors.Domain.Tests.Infrastructure;

namespace Actors.Domain.Tests.Documents;

/// <summary>
/// A document shared with a class decides its members' access locally — one grain on the hot path — and stops
/// trusting what it remembers the moment the class says its roster changed; open watches are re-checked then too.
/// (The long <see cref="DomainCluster"/> re-check interval makes sure what happens here is the class's signal at work.)
/// </summary>
[Collection(DomainCollection.Name)]
public sealed class ClassAccessTests(DomainCluster cluster)
{
    [Fact]
    public async Task Annotating_as_a_class_member_calls_no_class_grain_after_the_first_time()
    {
        var (document, owner) = await DocumentFactory.CreateAsync(cluster);
        var setup = await ClassSetup.CreateAsync(cluster, students: 1);
        await document.ShareWithClass(owner, setup.ClassId);
        var member = setup.Student(0);
        var classGrain = setup.Class.GetGrainId();

        await document.AddAnnotation(member, DocumentFactory.Comment("first"));
        var asked = cluster.Calls.Entered(classGrain, "GrantsAccess");
        for (var i = 0; i < 20; i++)
        {
            await document.AddAnnotation(member, DocumentFactory.Ink($"more-{i}"));
        }

        await document.GetAnnotations(member);
        Assert.Equal(1, asked);
        Assert.Equal(asked, cluster.Calls.Entered(classGrain, "GrantsAccess"));
    }

    [Fact]
    public async Task A_member_removed_from_the_class_loses_the_document_when_the_class_says_so()
    {
        var (document, owner) = await DocumentFactory.CreateAsync(cluster);
        var setup = await ClassSetup.CreateAsync(cluster, students: 2);
        await document.ShareWithClass(owner, setup.ClassId);
        var (leaver, stayer) = (setup.Student(0), setup.Student(1));
        await document.AddAnnotation(leaver, DocumentFactory.Comment("before"));
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var (leaverOpened, leaverWatch) = Watch(document, leaver, stop.Token);
        var (stayerOpened, stayerWatch) = Watch(document, stayer, stop.Token);
        await Task.WhenAll(leaverOpened, stayerOpened);

        await setup.Class.Remove(setup.Teacher, leaver.UserId);

        // The class's one-way signal arrives in its own time: poll, well within the (5 minute) periodic re-check.
        var ended = await leaverWatch.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.IsType<AccessDeniedException>(ended);
        Assert.True(cluster.Calls.Entered(document.GetGrainId(), "ClassMembershipChanged") > 0);
        await Assert.ThrowsAsync<AccessDeniedException>(() => document.AddAnnotation(leaver, DocumentFactory.Comment("after")));

        // The classmate who stayed keeps watching and annotating.
        await document.AddAnnotation(stayer, DocumentFactory.Comment("still-here"));
        Assert.False(stayerWatch.IsCompleted);
        await stop.CancelAsync();
    }

    [Fact]
    public async Task A_reader_whose_share_is_withdrawn_stops_watching_at_once()
    {
        var (document, owner) = await DocumentFactory.CreateAsync(cluster);
        var reader = await TestSchool.Main.StudentAsync(cluster);
        await document.ShareWithReader(owner, reader.UserId);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var (opened, watch) = Watch(document, reader, stop.Token);
        await opened;
        await document.AddAnnotation(owner, DocumentFactory.Comment("seen"));

        await document.RevokeReader(owner, reader.UserId);

        Assert.IsType<AccessDeniedException>(await watch.WaitAsync(TimeSpan.FromSeconds(15)));
    }

    /// <summary>
    /// Watches until the stream ends: <c>Opened</c> completes with the opening snapshot (access was granted), <c>Ended</c>
    /// with what ended the stream (null: it ended without an error).
    /// </summary>
    internal static (Task Opened, Task<Exception?> Ended) Watch(IDocumentGrain document, Caller caller, CancellationToken cancellationToken)
    {
        var opened = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return (opened.Task, Run());

        async Task<Exception?> Run()
        {
            try
            {
                await foreach (var _ in document.WatchAnnotations(caller, -1, cancellationToken))
                {
                    opened.TrySetResult();
                }

                return null;
            }
            catch (Exception e)
            {
                opened.TrySetException(e);
                return e;
            }
        }
    }
}
