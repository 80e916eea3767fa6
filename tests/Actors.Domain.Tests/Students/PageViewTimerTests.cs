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

    [Fact]
    public async Task A_view_after_the_timer_stopped_for_want_of_views_starts_it_again()
    {
        var (student, me) = await StudentFactory.NewAsync(cluster);
        await student.RecordPageView(me, "/home");
        await Eventually.HoldsAsync(async () => await PageViewTests.StoredViewsAsync(cluster, me) == 1, "the timer has written the first view");

        // The tick after that write finds nothing and stops the timer (an idle activation holds none). Nothing outside
        // the grain shows that tick, so the test lets it pass: two intervals, the second a margin for a busy machine.
        await Task.Delay(cluster.PageViewFlushInterval * 2);
        await student.RecordPageView(me, "/goals");

        // Only a timer started again by this view can write it: no threshold, no other change, the student stays active.
        await Eventually.HoldsAsync(async () => await PageViewTests.StoredViewsAsync(cluster, me) == 2, "the restarted timer has written the second view");
    }
}
