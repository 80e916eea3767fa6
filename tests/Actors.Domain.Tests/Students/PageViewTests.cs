using System.Text.Json;
using Actors.Contracts;
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
        var (student, me) = await StudentFactory.NewAsync(cluster);
        var rostering = cluster.WritesOf(student); // the school rostering the student wrote it
        const int views = 250;
        for (var i = 0; i < views; i++)
        {
            await student.RecordPageView(me, i % 5 == 0 ? "/resume" : "/goals");
        }

        // The buffer writes each time it holds 100 views (the test setting): two writes for 250 views.
        Assert.Equal(views / DomainCluster.MaxBufferedPageViews, cluster.WritesOf(student) - rostering);
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
        var (student, me) = await StudentFactory.NewAsync(cluster);
        var rostering = cluster.WritesOf(student); // the school rostering the student wrote it
        for (var i = 0; i < 7; i++)
        {
            await student.RecordPageView(me, "/reflections");
        }

        Assert.Equal(0, await StoredViewsAsync(cluster, me));
        await cluster.DeactivateAsync(student);

        // Nothing else could have written them: no timer, no threshold, no other change.
        Assert.Equal(7, await StoredViewsAsync(cluster, me));
        Assert.Equal(1, cluster.WritesOf(student) - rostering);
    }

    [Fact]
    public async Task Views_ride_along_with_other_changes_and_reads_say_which_are_durable()
    {
        var (student, me) = await StudentFactory.NewAsync(cluster);
        var rostering = cluster.WritesOf(student); // the school rostering the student wrote it
        await student.RecordPageView(me, "/goals/new");
        var before = await student.GetPageViews(me);
        await student.CreateGoal(me, "g", new GoalDraft("Learn te reo"));
        var after = await student.GetPageViews(me);

        Assert.Equal(1, await StoredViewsAsync(cluster, me));
        Assert.Equal(1, cluster.WritesOf(student) - rostering);
        Assert.Equal((1L, 0L, 1L), (before.Total, before.Durable, before.Pending));
        Assert.Equal((1L, 1L, 0L), (after.Total, after.Durable, after.Pending));
    }

    [Fact]
    public async Task Views_buffered_at_deactivation_survive_failing_writes_within_the_deactivation_budget()
    {
        var (student, me) = await StudentFactory.NewAsync(cluster);
        var rostering = cluster.WritesOf(student); // the school rostering the student wrote it
        for (var i = 0; i < 7; i++)
        {
            await student.RecordPageView(me, "/reflections");
        }

        cluster.Storage.FailNextWrites(student.GetGrainId(), count: 3);
        await cluster.DeactivateAsync(student);

        Assert.Equal(7, await StoredViewsAsync(cluster, me));
        Assert.Equal(1, cluster.WritesOf(student) - rostering);
    }

    [Fact]
    public async Task A_full_buffer_whose_write_failed_takes_no_more_views_so_a_crash_loses_at_most_the_buffer()
    {
        var (student, me) = await StudentFactory.NewAsync(cluster);
        var id = student.GetGrainId();
        cluster.Storage.FailNextWrites(id, count: int.MaxValue);

        // The view that fills the buffer is counted although its flush fails; the next one is refused.
        for (var i = 0; i < DomainCluster.MaxBufferedPageViews; i++)
        {
            await student.RecordPageView(me, "/goals");
        }

        var refused = await Assert.ThrowsAnyAsync<Exception>(() => student.RecordPageView(me, "/goals"));
        StorageErrors.AssertTransientStorageFailure(refused);
        var summary = await student.GetPageViews(me);
        Assert.Equal((100L, 0L, 100L), (summary.Total, summary.Durable, summary.Pending));

        // Storage is back: the deactivation's flush writes exactly what was acknowledged.
        cluster.Storage.FailNextWrites(id, count: 0);
        await cluster.DeactivateAsync(student);
        Assert.Equal(DomainCluster.MaxBufferedPageViews, await StoredViewsAsync(cluster, me));
    }

    [Fact]
    public async Task A_version_conflict_adds_the_buffered_views_to_what_storage_holds_and_deactivates()
    {
        var (student, me) = await StudentFactory.NewAsync(cluster);
        await student.UpdateProfile(me, new StudentProfile { Name = "Aroha", School = "Kura", YearLevel = 9 });
        for (var i = 0; i < 5; i++)
        {
            await student.RecordPageView(me, "/resume");
        }

        // Another writer changes the row behind this activation's back (as a write whose outcome was unknown to
        // it, or a second activation, would): the activation's next write fails its version check.
        await cluster.Database.ScalarAsync(
            """
            UPDATE orleans_grain_state
            SET version = version + 1, write_id = gen_random_uuid(), state = jsonb_set(state, '{profile,name}', '"Changed elsewhere"')
            WHERE service_id = $1 AND grain_type = 'student' AND grain_key = $2
            """,
            cluster.ServiceId, GrainKeys.For(me.SchoolId, me.UserId));
        var deactivated = cluster.Cluster.WaitForDeactivationAsync(student);
        for (var i = 5; i < DomainCluster.MaxBufferedPageViews; i++)
        {
            await student.RecordPageView(me, "/resume"); // the last one fills the buffer: its flush meets the conflict
        }

        await deactivated.WaitAsync(TimeSpan.FromSeconds(15));
        var summary = await student.GetPageViews(me); // a fresh activation: what storage holds
        Assert.Equal((100L, 100L, 0L), (summary.Total, summary.Durable, summary.Pending));
        Assert.Equal("Changed elsewhere", (await student.GetProfile(me)).Name);
    }

    [Fact]
    public async Task A_view_sent_twice_with_one_request_id_counts_once_before_and_after_it_is_written()
    {
        var (student, me) = await StudentFactory.NewAsync(cluster);

        await student.RecordPageView(me, "/goals", "view-1");
        await student.RecordPageView(me, "/goals", "view-1");
        var buffered = await student.GetPageViews(me);
        await cluster.DeactivateAsync(student); // written, and the activation's memory gone
        await student.RecordPageView(me, "/goals", "view-1");
        await student.RecordPageView(me, "/goals", "view-2");

        Assert.Equal(1, buffered.Total);
        Assert.Equal((2L, 1L, 1L), await SummaryAsync(student, me));
    }

    [Fact]
    public async Task A_retry_after_a_first_attempt_that_timed_out_but_was_counted_counts_once()
    {
        var (student, me) = await StudentFactory.NewAsync(cluster);
        var id = student.GetGrainId();
        for (var i = 1; i < DomainCluster.MaxBufferedPageViews; i++)
        {
            await student.RecordPageView(me, "/goals", $"view-{i}");
        }

        // The view that fills the buffer waits for its write, which is slow: the caller gives up meanwhile.
        var release = cluster.Storage.HoldNextWrite(id);
        var entered = cluster.Calls.Entered(id, nameof(IStudentGrain.RecordPageView));
        using var giveUp = new CancellationTokenSource();
        var firstAttempt = student.RecordPageView(me, "/goals", "view-last", giveUp.Token);
        await Eventually.HoldsAsync(() => Task.FromResult(cluster.Calls.Entered(id, nameof(IStudentGrain.RecordPageView)) > entered), "the first attempt reached the student");
        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => firstAttempt);
        release.SetResult();
        await Eventually.HoldsAsync(async () => await StoredViewsAsync(cluster, me) == DomainCluster.MaxBufferedPageViews, "the buffer is written");

        await student.RecordPageView(me, "/goals", "view-last");

        Assert.Equal((100L, 100L, 0L), await SummaryAsync(student, me));
    }

    private static async Task<(long Total, long Durable, long Pending)> SummaryAsync(IStudentGrain student, Caller me)
    {
        var summary = await student.GetPageViews(me);
        return (summary.Total, summary.Durable, summary.Pending);
    }

    /// <summary>The views stored for the student, straight from the table.</summary>
    internal static async Task<long> StoredViewsAsync(DomainCluster cluster, Caller student)
    {
        // One item row per page (docs/storage.md, "Incremental storage").
        return Convert.ToInt64(await cluster.Database.ScalarAsync(
            """
            SELECT coalesce(sum((item->>'count')::bigint), 0) FROM orleans_grain_state_items
            WHERE service_id = $1 AND grain_type = 'student' AND grain_key = $2 AND collection = 'pageViews'
            """,
            cluster.ServiceId, GrainKeys.For(student.SchoolId, student.UserId)));
    }
}
