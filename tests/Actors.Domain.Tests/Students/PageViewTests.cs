using System.Diagnostics;
using System.Text.Json;
using Actors.Contracts;
using Actors.Contracts.Students;
using Actors.Domain.Tests.Infrastructure;

namespace Actors.Domain.Tests.Students;

/// <summary>Page views are counted in memory and written in batches: on a threshold, on a timer, on deactivation.</summary>
[Collection(DomainCollection.Name)]
public sealed class PageViewTests(DomainCluster cluster)
{
    [Fact]
    public async Task Views_are_written_in_batches_never_one_write_per_view()
    {
        var (student, me) = await StudentFactory.NewAsync(cluster);
        var rostering = cluster.WritesOf(student);
        const int views = 250;
        var started = Stopwatch.StartNew();
        for (var i = 0; i < views; i++)
        {
            await student.RecordPageView(me, i % 5 == 0 ? "/resume" : "/goals");
        }

        // The buffer writes each time it holds 100 views (the test setting): two writes for 250 views, plus one per
        // timer tick that came while they were recorded.
        var timerTicks = (int)(started.Elapsed / DomainCluster.PageViewFlushInterval) + 1;
        var writes = cluster.WritesOf(student) - rostering;
        Assert.InRange(writes, views / DomainCluster.MaxBufferedPageViews, (views / DomainCluster.MaxBufferedPageViews) + timerTicks);
        Assert.Equal(views, (await student.GetPageViews(me)).Total); // includes what is still buffered

        await cluster.DeactivateAsync(student);
        var stored = await student.GetPageViews(me);
        Assert.Equal(views, stored.Total);
        Assert.Equal(50, stored.ByPage["/resume"]);
        Assert.Equal(200, stored.ByPage["/goals"]);
    }

    [Fact]
    public async Task The_timer_writes_buffered_views_without_waiting_for_more()
    {
        var (student, me) = await StudentFactory.NewAsync(cluster);
        var rostering = cluster.WritesOf(student);
        await student.RecordPageView(me, "/home");
        await student.RecordPageView(me, "/home");
        await student.RecordPageView(me, "/activities");

        await Eventually.HoldsAsync(async () => await StoredViewsAsync(me.UserId) == 3, "the timer has written the 3 views");
        Assert.Equal(rostering + 1, cluster.WritesOf(student));
    }

    [Fact]
    public async Task Views_buffered_at_deactivation_are_written_then()
    {
        var (student, me) = await StudentFactory.NewAsync(cluster);
        var rostering = cluster.WritesOf(student);
        for (var i = 0; i < 7; i++)
        {
            await student.RecordPageView(me, "/reflections");
        }

        await cluster.DeactivateAsync(student);

        // Whether the timer or the deactivation wrote them, it took one write and nothing was lost.
        Assert.Equal(7, await StoredViewsAsync(me.UserId));
        Assert.Equal(rostering + 1, cluster.WritesOf(student));
    }

    [Fact]
    public async Task Views_ride_along_with_other_changes()
    {
        var (student, me) = await StudentFactory.NewAsync(cluster);
        var rostering = cluster.WritesOf(student);
        await student.RecordPageView(me, "/goals/new");
        await student.CreateGoal(me, "g", new GoalDraft("Learn te reo"));

        Assert.Equal(1, await StoredViewsAsync(me.UserId));
        Assert.Equal(rostering + 1, cluster.WritesOf(student));
    }

    private async Task<long> StoredViewsAsync(string studentId)
    {
        var json = await cluster.StoredJsonAsync("student", TestSchool.Main.Key(studentId), "student");
        if (json is null)
        {
            return 0;
        }

        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("pageViews").EnumerateObject().Sum(p => p.Value.GetInt64());
    }
}
