using Actors.Contracts;
using Actors.Contracts.Students;
using Actors.Domain.Tests.Infrastructure;

namespace Actors.Domain.Tests.Students;

/// <summary>
/// A student keeps its goals, activities, reflections and page-view counts one row per item: a change rewrites the
/// items it changed and the small state row, never the rest, and a reactivation reads state row plus items back to
/// the same student. (No page-view timer here, so each write is known to come from what the test did.)
/// </summary>
[Collection(TimerlessDomainCollection.Name)]
public sealed class StudentStorageLayoutTests(TimerlessDomainCluster cluster)
{
    [Fact]
    public async Task Each_collection_is_stored_one_row_per_item_with_the_state_row_holding_none_and_reads_back_in_order()
    {
        var (student, me) = await StudentFactory.NewAsync(cluster);
        var key = GrainKeys.For(me.SchoolId, me.UserId);
        await student.CreateGoal(me, "g2", new GoalDraft("Run 5 km"));
        await student.CreateGoal(me, "g1", new GoalDraft("Read a book a week"));
        await student.CommitToActivity(me, "a1", new ActivityDraft("Debating", "Club"));
        await student.LogHours(me, "a1", new HoursEntry { EntryId = "h1", Hours = 1.25m, On = DateOnly.FromDateTime(DateTime.UtcNow) });
        await student.WriteReflection(me, "r-b", new ReflectionDraft("Harder than I thought", ReflectionSubject.Goal, "g2"));
        await student.WriteReflection(me, "r-a", new ReflectionDraft("Kept going", ReflectionSubject.Activity, "a1"));
        await student.RecordPageView(me, "/goals");
        await student.RecordPageView(me, "/resume");
        await student.UpdateGoalProgress(me, "g2", 40); // the views ride along

        // The goal and both pages, nothing else: each change writes only its own items.
        Assert.Equal(3L, await StudentItemRows.RowsOfLastWriteAsync(cluster, key));
        Assert.Equal(7L, await StudentItemRows.CountAsync(cluster, key));
        await StudentItemRows.AssertStateRowHoldsNoItemsAsync(cluster, key);

        // Queryable by an operator: a reflection by its text, with one statement.
        Assert.Equal(key, await cluster.Database.ScalarAsync(
            "SELECT grain_key FROM orleans_grain_state_items WHERE service_id = $1 AND collection = 'reflections' AND item->>'text' = 'Kept going'",
            cluster.ServiceId));

        await student.RecordPageView(me, "/goals");
        await student.CompleteActivity(me, "a1");
        Assert.Equal(2L, await StudentItemRows.RowsOfLastWriteAsync(cluster, key)); // the activity and the one page viewed again

        // Reactivated from state row plus items: the same student, lists in creation order.
        var before = (await student.GetGoals(me), await student.GetActivities(me), await student.GetReflections(me), await student.GetPageViews(me));
        await cluster.DeactivateAsync(student);
        var goals = await student.GetGoals(me);
        Assert.Equal(["g2", "g1"], goals.Select(g => g.Id));
        Assert.Equal(before.Item1, goals);
        Assert.Equal(before.Item2.Select(a => (a.Id, a.Status, a.TotalHours)), (await student.GetActivities(me)).Select(a => (a.Id, a.Status, a.TotalHours)));
        Assert.Equal(["r-b", "r-a"], (await student.GetReflections(me)).Select(r => r.Id));
        var views = await student.GetPageViews(me);
        Assert.Equal((3L, 2L, 1L), (views.Durable, views.ByPage["/goals"], views.ByPage["/resume"]));
        Assert.Equal(["Debating"], (await student.GetResume(me)).Activities.Select(a => a.Title));
    }

    [Fact]
    public async Task Updating_one_goal_of_a_student_with_500_reflections_writes_one_item_row_and_a_small_state_row()
    {
        const int reflections = 500;
        var (student, me) = await StudentFactory.NewAsync(cluster);
        var key = GrainKeys.For(me.SchoolId, me.UserId);
        await student.CreateGoal(me, "g1", new GoalDraft("Write every day"));
        for (var i = 0; i < reflections; i++)
        {
            await student.WriteReflection(me, $"r{i:D3}", new ReflectionDraft($"Day {i}: {new string('x', 200)}", ReflectionSubject.Goal, "g1"));
        }

        Assert.Equal(1L, await StudentItemRows.RowsOfLastWriteAsync(cluster, key)); // the last add wrote its own row only
        Task<object?> ReflectionWritesAsync() => cluster.Database.ScalarAsync(
            "SELECT string_agg(write_id::text, ',' ORDER BY item_key) FROM orleans_grain_state_items WHERE service_id = $1 AND grain_key = $2 AND collection = 'reflections'",
            cluster.ServiceId, key);
        var reflectionWrites = await ReflectionWritesAsync();

        await student.UpdateGoalProgress(me, "g1", 30);

        Assert.Equal(1L, await StudentItemRows.RowsOfLastWriteAsync(cluster, key));
        Assert.Equal(30L, await StudentItemRows.ScalarAsync(cluster, key, "goals", "g1", "(item->>'progressPercent')::bigint"));
        Assert.Equal(reflectionWrites, await ReflectionWritesAsync()); // no reflection rewritten
        var stateBytes = (int)(await cluster.Database.ScalarAsync(
            "SELECT octet_length(state::text) FROM orleans_grain_state WHERE service_id = $1 AND grain_type = 'student' AND grain_key = $2", cluster.ServiceId, key))!;
        Assert.True(stateBytes < 2_000, $"The state row holds {stateBytes} bytes; the reflections belong in their own rows.");
        Assert.Equal(reflections + 1L, await StudentItemRows.CountAsync(cluster, key));

        // Reactivated, the export holds everything, in order.
        await cluster.DeactivateAsync(student);
        var export = await TestSchool.Main.Roster(cluster).ExportStudentRecords(TestSchool.Main.Admin, me.UserId);
        Assert.Equal(Enumerable.Range(0, reflections).Select(i => $"r{i:D3}"), export.Student.Reflections.Select(r => r.Id));
        Assert.Equal(30, Assert.Single(export.Student.Goals).ProgressPercent);
    }

    [Fact]
    public async Task A_page_view_flush_writes_its_pages_and_request_ids_not_the_remembered_ones_or_the_document_index()
    {
        const int Documents = 300, Flushes = 10, ViewsPerFlush = 30;
        var (student, me) = await StudentFactory.NewAsync(cluster);
        var key = GrainKeys.For(me.SchoolId, me.UserId);
        await student.CreateGoal(me, "g1", new GoalDraft("Read more"));
        var links = TestSchool.Main.Grain<Contracts.Internal.IStudentDocumentLinks>(cluster, me.UserId);
        var documentIds = Enumerable.Range(0, Documents).Select(d => $"doc-{d * 7919 % Documents:D4}-{Guid.NewGuid():N}").ToList();
        foreach (var documentId in documentIds)
        {
            await links.LinkDocument(documentId);
        }

        Assert.Equal(1L, await StudentItemRows.RowsOfLastWriteAsync(cluster, key)); // a link writes its own row only
        for (var f = 0; f < Flushes; f++)
        {
            for (var v = 0; v < ViewsPerFlush; v++)
            {
                await student.RecordPageView(me, "/goals", $"view-{f * ViewsPerFlush + v:D4}");
            }

            await student.UpdateGoalProgress(me, "g1", f + 1); // the views ride along
        }

        // The last flush: the goal, the page, and its 30 request ids (the oldest beyond 256 deleted), nothing else.
        Assert.Equal(2L + ViewsPerFlush, await StudentItemRows.RowsOfLastWriteAsync(cluster, key));
        Assert.Equal((long)DomainLimits.RememberedPageViewsPerStudent, await cluster.Database.ScalarAsync(
            "SELECT count(*) FROM orleans_grain_state_items WHERE service_id = $1 AND grain_key = $2 AND collection = 'pageViewRequestIds'", cluster.ServiceId, key));
        Assert.Equal((long)Documents, await cluster.Database.ScalarAsync(
            "SELECT count(*) FROM orleans_grain_state_items WHERE service_id = $1 AND grain_key = $2 AND collection = 'documents'", cluster.ServiceId, key));
        await StudentItemRows.AssertStateRowHoldsNoItemsAsync(cluster, key);
        var stateBytes = (int)(await cluster.Database.ScalarAsync(
            "SELECT octet_length(state::text) FROM orleans_grain_state WHERE service_id = $1 AND grain_type = 'student' AND grain_key = $2", cluster.ServiceId, key))!;
        Assert.True(stateBytes < 2_000, $"The state row holds {stateBytes} bytes.");

        // Reactivated from the item rows: the newest 256 request ids are remembered (a retry is not counted again), the
        // oldest were let go, and the index lists every document in ordinal order.
        await cluster.DeactivateAsync(student);
        var total = (await student.GetPageViews(me)).Total;
        await student.RecordPageView(me, "/goals", $"view-{Flushes * ViewsPerFlush - DomainLimits.RememberedPageViewsPerStudent:D4}");
        Assert.Equal(total, (await student.GetPageViews(me)).Total);
        await student.RecordPageView(me, "/goals", $"view-{Flushes * ViewsPerFlush - DomainLimits.RememberedPageViewsPerStudent - 1:D4}");
        Assert.Equal(total + 1, (await student.GetPageViews(me)).Total);
        var records = TestSchool.Main.Grain<Contracts.Internal.IStudentRecords>(cluster, me.UserId);
        Assert.Equal(documentIds.Order(StringComparer.Ordinal), await records.GetDocumentIds());
    }
}
