using System.Text.Json;
using Actors.Contracts.Students;
using Actors.Domain.Tests.Infrastructure;

namespace Actors.Domain.Tests.Students;

/// <summary>
/// Page views are counted in memory and written in batches: on a threshold, on deactivation, with other changes. The
/// students here have no flush timer within a test, so each write is known to come from what the test did.
/// </summary>
[Collection(TimerlessDomainCollection.Name)]
public sealed class PageViewTests(TimerlessDomainCluster cluster)
{
    [Fact]
    public async Task Views_are_written_in_batches_never_one_write_per_view()
    {
        var (student, me) = StudentFactory.New(cluster);
        const int views = 250;
        for (var i = 0; i < views; i++)
        {
            await student.RecordPageView(me, i % 5 == 0 ? "/resume" : "/goals");
        }

        // The buffer writes each time it holds 100 views (the test setting): two writes for 250 views.
        Assert.Equal(views / DomainCluster.MaxBufferedPageViews, cluster.WritesOf(student));
        Assert.Equal(views, (await student.GetPageViews(me)).Total); // includes what is still buffered

        await cluster.DeactivateAsync(student);
        var stored = await student.GetPageViews(me);
        Assert.Equal(views, stored.Total);
        Assert.Equal(50, stored.ByPage["/resume"]);
        Assert.Equal(200, stored.ByPage["/goals"]);
    }

    [Fact]
    public async Task Views_buffered_at_deactivation_are_written_then()
    {
        var (student, me) = StudentFactory.New(cluster);
        for (var i = 0; i < 7; i++)
        {
            await student.RecordPageView(me, "/reflections");
        }

        Assert.Equal(0, await StoredViewsAsync(cluster, me.UserId));
        await cluster.DeactivateAsync(student);

        // Nothing else could have written them: no timer, no threshold, no other change.
        Assert.Equal(7, await StoredViewsAsync(cluster, me.UserId));
        Assert.Equal(1, cluster.WritesOf(student));
    }

    [Fact]
    public async Task Views_ride_along_with_other_changes()
    {
        var (student, me) = StudentFactory.New(cluster);
        await student.RecordPageView(me, "/goals/new");
        await student.CreateGoal(me, "g", new GoalDraft("Learn te reo"));

        Assert.Equal(1, await StoredViewsAsync(cluster, me.UserId));
        Assert.Equal(1, cluster.WritesOf(student));
    }

    /// <summary>The views stored for the student, straight from the table.</summary>
    internal static async Task<long> StoredViewsAsync(DomainCluster cluster, string studentId)
    {
        var json = await cluster.StoredJsonAsync("student", studentId, "student");
        if (json is null)
        {
            return 0;
        }

        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("pageViews").EnumerateObject().Sum(p => p.Value.GetInt64());
    }
}
