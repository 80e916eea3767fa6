using System.Text.Json;
using Actors.Contracts;
using Actors.Contracts.Classes;
using Actors.Contracts.Documents;
using Actors.Contracts.Students;
using Actors.Domain.Tests.Documents;
using Actors.Domain.Tests.Infrastructure;
using Actors.Domain.Tests.Students;
using Actors.Grains.Students;

namespace Actors.Domain.Tests.Evolution;

/// <summary>
/// Rows written by an older version of a grain (schema 1, inserted here as raw JSON, the way that version stored
/// them) still load after fields were added, and are written back in the current shape. (Rows of schema 1 and 2
/// were keyed without a school, so none is reachable under today's keys; these insert the old shape under a
/// school-scoped key to keep the upgrade path tested.)
/// </summary>
[Collection(DomainCollection.Name)]
public sealed class StateEvolutionTests(DomainCluster cluster)
{
    [Fact]
    public async Task A_student_row_from_schema_1_loads_and_gains_page_views()
    {
        var id = TestIds.New("student");
        var key = TestSchool.Main.Key(id);
        await InsertRowAsync("student", key, "student", """
            {
              "schemaVersion": 1,
              "profile": { "name": "Mere Tipene", "school": "Ōtaki College", "yearLevel": 10 },
              "goals": [
                { "id": "g1", "title": "Learn to code", "status": "Completed", "progressPercent": 100,
                  "createdAt": "2024-02-01T09:00:00+13:00", "completedAt": "2024-06-01T15:00:00+12:00" }
              ],
              "activities": [
                { "id": "a1", "title": "Kapa haka", "category": "Culture", "status": "Committed",
                  "entries": [ { "entryId": "e1", "hours": 2.5, "on": "2024-03-02" } ],
                  "committedAt": "2024-02-10T10:00:00+13:00" }
              ],
              "reflections": [],
              "classes": []
            }
            """);
        var student = cluster.Grain<IStudentGrain>(key);

        // Schema 3 keeps students apart by school and lets one exist only while rostered.
        var me = await TestSchool.Main.StudentAsync(cluster, id);

        Assert.Equal("Mere Tipene", (await student.GetProfile(me)).Name);
        var goal = Assert.Single(await student.GetGoals(me));
        Assert.Equal(("g1", GoalStatus.Completed), (goal.Id, goal.Status));
        Assert.Equal(2.5m, Assert.Single(await student.GetActivities(me)).TotalHours);
        Assert.Equal(0, (await student.GetPageViews(me)).Total); // the field schema 2 added

        await student.RecordPageView(me, "/resume");
        await student.CompleteActivity(me, "a1");

        // Written back in today's shape: the collections as item rows (schema 4), the state row without them.
        using var stored = JsonDocument.Parse((await cluster.StoredJsonAsync("student", key, "student"))!);
        Assert.Equal(StudentState.CurrentSchemaVersion, stored.RootElement.GetProperty("schemaVersion").GetInt32());
        Assert.Equal(1L, await StudentItemRows.ScalarAsync(cluster, key, "pageViews", "/resume", "(item->>'count')::bigint"));
        Assert.Equal("Learn to code", await StudentItemRows.ScalarAsync(cluster, key, "goals", "g1", "item->>'title'"));
        Assert.Equal("Completed", await StudentItemRows.ScalarAsync(cluster, key, "activities", "a1", "item->>'status'"));
        Assert.True(stored.RootElement.TryGetProperty("rosteredAt", out _));
        Assert.Equal(3L, await RowVersionAsync("student", key, "student")); // the insert, the rostering, the change
    }

    [Fact]
    public async Task A_student_row_from_schema_3_loads_its_lists_in_order_and_its_next_write_moves_them_to_item_rows()
    {
        var school = TestSchool.Main;
        var id = TestIds.New("student");
        var key = school.Key(id);
        var me = Caller.Student(school.Id, id); // the row says rostered: the school is not asked

        // As schema 3 stored it: every collection inside the state row, lists in creation order, views as numbers.
        // The goals' list order is not their id order, and two reflections were written at the same instant.
        await InsertRowAsync("student", key, "student", $$"""
            {
              "schemaVersion": 3,
              "rosteredAt": "2025-02-01T08:00:00Z",
              "profile": { "name": "Hemi Walker", "school": "Kura", "yearLevel": 11 },
              "goals": [
                { "id": "zz-first", "title": "Swim 1 km", "status": "Active", "progressPercent": 10, "createdAt": "2025-02-03T09:00:00Z" },
                { "id": "aa-second", "title": "Learn te reo", "status": "Completed", "progressPercent": 100,
                  "createdAt": "2025-02-04T09:00:00Z", "completedAt": "2025-05-01T09:00:00Z" }
              ],
              "activities": [
                { "id": "a1", "title": "Kapa haka", "category": "Culture", "status": "Committed",
                  "entries": [ { "entryId": "e1", "hours": 1.5, "on": "2025-03-02" } ], "committedAt": "2025-02-10T10:00:00Z" }
              ],
              "reflections": [
                { "id": "r2", "text": "Schema three, second", "subject": "Goal", "subjectId": "zz-first", "sharedWithClassIds": [], "writtenAt": "2025-03-01T09:00:00Z" },
                { "id": "r1", "text": "Schema three, earlier", "subject": "Goal", "subjectId": "zz-first", "sharedWithClassIds": [], "writtenAt": "2025-02-20T09:00:00Z" },
                { "id": "r3", "text": "Schema three, same instant", "subject": "Goal", "subjectId": "zz-first", "sharedWithClassIds": [], "writtenAt": "2025-03-01T09:00:00Z" }
              ],
              "classes": [],
              "pageViews": { "/goals": 4, "/resume": 2 },
              "pageViewRequestIds": [ "view-8", "view-9" ],
              "documents": [ "doc-b", "doc-a" ]
            }
            """);
        var student = school.Grain<IStudentGrain>(cluster, id);

        // Read as they are: lists keyed by id, listed in creation order (ties by id), views as counts.
        Assert.Equal(["zz-first", "aa-second"], (await student.GetGoals(me)).Select(g => g.Id));
        Assert.Equal(["r1", "r2", "r3"], (await student.GetReflections(me)).Select(r => r.Id));
        Assert.Equal(1.5m, Assert.Single(await student.GetActivities(me)).TotalHours);
        var views = await student.GetPageViews(me);
        Assert.Equal((6L, 4L, 2L), (views.Durable, views.ByPage["/goals"], views.ByPage["/resume"]));
        Assert.Equal(0L, await StudentItemRows.CountAsync(cluster, key)); // a read writes nothing
        await student.RecordPageView(me, "/goals", "view-9"); // the remembered request id came along
        Assert.Equal(6L, (await student.GetPageViews(me)).Total);
        var records = school.Grain<Contracts.Internal.IStudentRecords>(cluster, id);
        Assert.Equal(["doc-a", "doc-b"], await records.GetDocumentIds()); // the index's list, in ordinal order

        // The next write moves every item to a row of its own and leaves the state row without them.
        await student.UpdateGoalProgress(me, "zz-first", 20);
        Assert.Equal(2L, await RowVersionAsync("student", key, "student"));
        Assert.Equal(12L, await StudentItemRows.CountAsync(cluster, key)); // 2 goals, 1 activity, 3 reflections, 2 pages, 2 request ids, 2 documents
        Assert.Equal(20L, await StudentItemRows.ScalarAsync(cluster, key, "goals", "zz-first", "(item->>'progressPercent')::bigint"));
        Assert.Equal("r3", await cluster.Database.ScalarAsync(
            "SELECT item_key FROM orleans_grain_state_items WHERE service_id = $1 AND collection = 'reflections' AND item->>'text' = 'Schema three, same instant'",
            cluster.ServiceId));
        await StudentItemRows.AssertStateRowHoldsNoItemsAsync(cluster, key);

        // And it reads back the same from the new layout.
        await cluster.DeactivateAsync(student);
        Assert.Equal(["zz-first", "aa-second"], (await student.GetGoals(me)).Select(g => g.Id));
        Assert.Equal(["r1", "r2", "r3"], (await student.GetReflections(me)).Select(r => r.Id));
        Assert.Equal(["Learn te reo"], (await student.GetResume(me)).Goals.Select(g => g.Title));
        Assert.Equal(6L, (await student.GetPageViews(me)).Total);
        Assert.Equal(["doc-a", "doc-b"], await records.GetDocumentIds());
        await student.RecordPageView(me, "/goals", "view-8"); // still remembered, from its item row
        Assert.Equal(6L, (await student.GetPageViews(me)).Total);
    }

    [Fact]
    public async Task A_document_row_from_schema_1_gets_sequence_numbers_in_creation_order()
    {
        var id = TestIds.New("doc");
        var key = TestSchool.Main.Key(id);
        await InsertRowAsync("document", key, "document", """
            {
              "schemaVersion": 1,
              "title": "Old worksheet", "ownerId": "t-old", "pageCount": 2, "contentRef": "s3://content/old.pdf",
              "createdAt": "2024-05-01T09:00:00Z", "readerIds": [], "classIds": [],
              "annotations": {
                "b": { "id": "b", "authorId": "t-old", "page": 1, "createdAt": "2024-05-01T10:00:05Z",
                       "body": { "kind": "comment", "anchor": { "x": 0.1, "y": 0.2 }, "text": "second" } },
                "a": { "id": "a", "authorId": "t-old", "page": 2, "createdAt": "2024-05-01T10:00:00Z",
                       "body": { "kind": "highlight", "rects": [ { "x": 0.1, "y": 0.1, "width": 0.2, "height": 0.05 } ], "color": "#FFEB3B" } },
                "c": { "id": "c", "authorId": "t-old", "page": 1, "createdAt": "2024-05-01T10:00:09Z",
                       "body": { "kind": "ink", "points": [ { "x": 0.1, "y": 0.1 }, { "x": 0.3, "y": 0.4 } ], "color": "#000000", "width": 0.002 } }
              },
              "tombstones": {}
            }
            """);
        var document = cluster.Grain<IDocumentGrain>(key);
        var owner = Caller.Teacher(TestSchool.Main.Id, "t-old");

        var snapshot = await document.GetAnnotations(owner);
        Assert.Equal(3, snapshot.Sequence);
        Assert.Equal([("a", 1L), ("b", 2L), ("c", 3L)], snapshot.Annotations.Select(a => (a.Id, a.AddedAtSequence)));
        Assert.IsType<HighlightBody>(snapshot.Annotations[0].Body);
        Assert.Equal("second", ((CommentBody)snapshot.Annotations[1].Body).Text);

        var added = await document.AddAnnotation(owner, DocumentFactory.Comment("d"));
        Assert.Equal(4, added.AddedAtSequence);
        using var stored = JsonDocument.Parse((await cluster.StoredJsonAsync("document", key, "document"))!);
        Assert.Equal(3, stored.RootElement.GetProperty("schemaVersion").GetInt32());
        Assert.Equal(4, stored.RootElement.GetProperty("lastSequence").GetInt64());
        // The whole-state row moved to the per-item layout on that write: annotations one row each, none in the state row.
        Assert.Empty(stored.RootElement.GetProperty("annotations").EnumerateObject());
        Assert.Equal("1", await cluster.Database.ScalarAsync(
            "SELECT item->>'addedAtSequence' FROM orleans_grain_state_items WHERE service_id = $1 AND grain_key = $2 AND collection = 'annotations' AND item_key = 'a'",
            cluster.ServiceId, key));
        Assert.Equal(4L, await cluster.Database.ScalarAsync(
            "SELECT count(*) FROM orleans_grain_state_items WHERE service_id = $1 AND grain_key = $2 AND collection = 'annotations'", cluster.ServiceId, key));
    }

    [Fact]
    public async Task A_class_row_from_schema_1_makes_a_missing_copy_from_the_original_and_keeps_its_source()
    {
        var school = TestSchool.Main;
        var (classId, student) = (TestIds.New("class"), TestIds.New("s-old"));
        var teacher = await school.TeacherAsync(cluster, TestIds.New("t-old"));
        var originalId = TestIds.New("doc");
        await school.Grain<IDocumentGrain>(cluster, originalId).Create(teacher, new DocumentDraft("Old worksheet", 4, "s3://content/old-ws.pdf"));
        await school.StudentAsync(cluster, student); // the student exists; the class says they are in it
        await InsertRowAsync("class", school.Key(classId), "class", $$"""
            {
              "schemaVersion": 1,
              "title": "Old class", "teacherId": "{{teacher.UserId}}", "createdAt": "2024-05-01T09:00:00Z",
              "roster": [ { "studentId": "{{student}}", "state": "Active", "enrolledAt": "2024-05-01T09:05:00Z" } ],
              "assignments": [
                { "assignmentId": "a1", "documentId": "{{originalId}}", "title": "Old worksheet",
                  "dueAt": "2030-01-01T00:00:00Z", "assignedAt": "2024-05-02T09:00:00Z", "work": [] }
              ]
            }
            """);
        var course = school.Grain<IClassGrain>(cluster, classId);

        // The activation finishes what the row left open: the active student's copy, made from the original.
        await Eventually.HoldsAsync(async () => (await course.GetDetails(teacher)).Assignments.Single().Work.Count == 1, "the missing copy is made");
        var copy = await school.Grain<IDocumentGrain>(cluster, DocumentCopyId.For(classId, "a1", student)).GetInfo(Caller.Student(school.Id, student));
        Assert.Equal(("Old worksheet", 4, "s3://content/old-ws.pdf"), (copy.Title, copy.PageCount, copy.ContentRef));

        using var stored = JsonDocument.Parse((await cluster.StoredJsonAsync("class", school.Key(classId), "class"))!);
        Assert.Equal(3, stored.RootElement.GetProperty("schemaVersion").GetInt32());
        var assignment = stored.RootElement.GetProperty("assignments")[0];
        Assert.Equal("s3://content/old-ws.pdf", assignment.GetProperty("source").GetProperty("contentRef").GetString());
        Assert.Equal(0, assignment.GetProperty("copyIssues").GetArrayLength());
    }

    /// <summary>Writes a row as the storage provider would have (version 1: a first write).</summary>
    private Task InsertRowAsync(string grainType, string key, string stateName, string json)
        => cluster.Database.ScalarAsync(
            """
            INSERT INTO orleans_grain_state (service_id, grain_type, grain_key, state_name, version, state, write_id, modified_at)
            VALUES ($1, $2, $3, $4, 1, $5::jsonb, $6, now())
            """,
            cluster.ServiceId, grainType, key, stateName, json, Guid.NewGuid());

    private async Task<long> RowVersionAsync(string grainType, string key, string stateName)
        => (long)(await cluster.Database.ScalarAsync(
            "SELECT version FROM orleans_grain_state WHERE service_id = $1 AND grain_type = $2 AND grain_key = $3 AND state_name = $4",
            cluster.ServiceId, grainType, key, stateName))!;
}
