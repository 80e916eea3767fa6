using Actors.Domain.Tests.Infrastructure;

namespace Actors.Domain.Tests.Students;

/// <summary>The page-view timer (every 2 s in the shared test silo) writes buffered views by itself.</summary>
[Collection(DomainCollection.Name)]
public sealed class PageViewTimerTests(DomainCluster cluster)
{
    [Fact]
    public async Task The_timer_writes_buffered_views_without_waiting_for_more()
    {
        var (student, me) = await StudentFactory.NewAsync(cluster);
        var rostering = cluster.WritesOf(student); // the school rostering the student wrote it
        await student.RecordPageView(me, "/home");
        await student.RecordPageView(me, "/home");
        await student.RecordPageView(me, "/activities");

        // No threshold is reached, nothing else is changed and the student stays active: only the timer writes.
        await Eventually.HoldsAsync(async () => await PageViewTests.StoredViewsAsync(cluster, me) == 3, "the timer has written the 3 views");
        Assert.Equal(rostering + 1, cluster.WritesOf(student));
    }
}
