using System.Text.Json;
using Actors.Contracts.Students;
using Actors.Grains.Students;
using Actors.Grains.Validation;
using Actors.Persistence.CockroachDb.Serialization;

namespace Actors.Domain.Tests.Students;

/// <summary>
/// The student state's JSON (pure, no cluster): schema 4 writes its collections keyed by id and reads both that and
/// the lists and plain counts of schema 3; the byte limit's incremental size matches the whole state's.
/// </summary>
public sealed class StudentStateJsonTests
{
    private static readonly JsonGrainStateSerializer Serializer = new();

    [Fact]
    public void A_schema_3_state_reads_its_lists_keyed_by_id_and_its_page_counts_as_items()
    {
        var state = Read("""
            {
              "schemaVersion": 3,
              "goals": [ { "id": "g2", "title": "Two", "status": "Active", "createdAt": "2025-01-02T00:00:00Z" },
                         { "id": "g1", "title": "One", "status": "Archived", "createdAt": "2025-01-03T00:00:00Z" } ],
              "activities": [ { "id": "a1", "title": "Chess", "status": "Committed", "entries": [], "committedAt": "2025-01-01T00:00:00Z" } ],
              "reflections": [],
              "pageViews": { "/goals": 7 }
            }
            """);

        Assert.Equal(["g2", "g1"], state.GoalsInOrder().Select(g => g.Id));
        Assert.Equal(GoalStatus.Archived, state.Goals["g1"].Status);
        Assert.Equal("Chess", state.Activities["a1"].Title);
        Assert.Empty(state.Reflections);
        Assert.Equal(7, state.PageViews["/goals"].Count);
    }

    [Fact]
    public void A_schema_4_state_writes_objects_keyed_by_id_and_reads_them_back()
    {
        var state = Read("""{ "schemaVersion": 3, "goals": [ { "id": "g1", "title": "One", "status": "Active" } ], "pageViews": { "/résumé": 2 } }""")
            with { SchemaVersion = StudentState.CurrentSchemaVersion };

        var json = Serializer.Serialize(state).ToString();
        using var document = JsonDocument.Parse(json);
        Assert.Equal("One", document.RootElement.GetProperty("goals").GetProperty("g1").GetProperty("title").GetString());
        Assert.Equal(2, document.RootElement.GetProperty("pageViews").GetProperty("/résumé").GetProperty("count").GetInt64());
        Assert.Equal(JsonValueKind.Object, document.RootElement.GetProperty("reflections").ValueKind);

        var again = Read(json);
        Assert.Equal(state.Goals["g1"], again.Goals["g1"]);
        Assert.Equal(state.PageViews["/résumé"], again.PageViews["/résumé"]);
    }

    [Fact]
    public void Null_collections_read_as_null_and_the_migration_makes_them_empty()
    {
        var state = StudentStateMigration.Upgrade(Read("""{ "schemaVersion": 3, "goals": null, "pageViews": null }"""), recordExists: true);

        Assert.Equal(StudentState.CurrentSchemaVersion, state.SchemaVersion);
        Assert.Empty(state.Goals);
        Assert.Empty(state.PageViews);
    }

    [Fact]
    public void The_incremental_size_is_the_whole_states_stored_size_within_a_comma_per_collection()
    {
        var state = new StudentState { SchemaVersion = StudentState.CurrentSchemaVersion, Profile = new StudentProfile { Name = "Ngaio", School = "Kura", YearLevel = 12 } };
        state = state with
        {
            Goals = state.Goals.Add("g1", new Goal { Id = "g1", Title = "Tūhura", Status = GoalStatus.Active }),
            Reflections = state.Reflections
                .Add("r1", new Reflection { Id = "r1", Text = "\"Quoted\" and <escaped>", SubjectId = "g1" })
                .Add("r2", new Reflection { Id = "r2", Text = new string('x', 3_000), SubjectId = "g1" }),
            PageViews = state.PageViews.Add("/goals", new PageViewCount(12)),
        };

        Assert.InRange(StudentSize.Of(state) - StoredSize.Of(state), 0, 4);
        var edited = state with { Reflections = state.Reflections.SetItem("r2", state.Reflections["r2"] with { Text = "short" }) };
        Assert.InRange(StudentSize.Of(edited) - StoredSize.Of(edited), 0, 4);
    }

    private static StudentState Read(string json) => Serializer.Deserialize<StudentState>(BinaryData.FromString(json))!;
}
