using Actors.Contracts.Errors;
using Actors.Domain.Tests.Classes;
using Actors.Domain.Tests.Infrastructure;

namespace Actors.Domain.Tests.Documents;

/// <summary>
/// When the class's signal is lost, the document still finds out: it re-checks open watches, and stops trusting a
/// class's grant, after <c>AccessRecheckInterval</c> (1 s in this cluster, 30 s by default).
/// </summary>
[Collection(ShortRecheckCollection.Name)]
public sealed class PeriodicRecheckTests(ShortRecheckCluster cluster)
{
    [Fact]
    public async Task A_removed_member_loses_the_document_within_the_recheck_interval_even_if_the_class_signal_is_lost()
    {
        var (document, owner) = await DocumentFactory.CreateAsync(cluster);
        var setup = await ClassSetup.CreateAsync(cluster, students: 1);
        await document.ShareWithClass(owner, setup.ClassId);
        var leaver = setup.Student(0);
        await document.AddAnnotation(leaver, DocumentFactory.Comment("before"));
        cluster.Blocker.Block(document.GetGrainId(), "ClassMembershipChanged");
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var (opened, watch) = ClassAccessTests.Watch(document, leaver, stop.Token);
        await opened;

        await setup.Class.Remove(setup.Teacher, leaver.UserId);

        Assert.IsType<AccessDeniedException>(await watch.WaitAsync(TimeSpan.FromSeconds(15)));
        await Eventually.HoldsAsync(
            async () =>
            {
                try
                {
                    await document.GetInfo(leaver);
                    return false;
                }
                catch (AccessDeniedException)
                {
                    return true;
                }
            },
            "the document no longer trusts the class's old grant");
        Assert.True(cluster.Blocker.Unblock(document.GetGrainId(), "ClassMembershipChanged") > 0, "the class did signal; the test dropped it");
    }
}
