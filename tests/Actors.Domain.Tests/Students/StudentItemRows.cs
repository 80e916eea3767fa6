using System.Text.Json;
using Actors.Domain.Tests.Infrastructure;

namespace Actors.Domain.Tests.Students;

/// <summary>
/// A student's item rows (goals, activities, reflections, page views, remembered page-view request ids, documents:
/// one row each in
/// <c>orleans_grain_state_items</c>), read straight from the database.
/// </summary>
internal static class StudentItemRows
{
    public static readonly string[] Collections = ["goals", "activities", "reflections", "pageViews", "pageViewRequestIds", "documents"];

    /// <summary>The item rows of the student keyed <paramref name="key"/>.</summary>
    public static async Task<long> CountAsync(DomainCluster cluster, string key)
        => (long)(await cluster.Database.ScalarAsync(
            "SELECT count(*) FROM orleans_grain_state_items WHERE service_id = $1 AND grain_type = 'student' AND grain_key = $2",
            cluster.ServiceId, key))!;

    /// <summary><paramref name="expression"/> (SQL over <c>item</c>) of one item row.</summary>
    public static Task<object?> ScalarAsync(DomainCluster cluster, string key, string collection, string itemKey, string expression)
        => cluster.Database.ScalarAsync(
            $"SELECT {expression} FROM orleans_grain_state_items WHERE service_id = $1 AND grain_type = 'student' AND grain_key = $2 AND collection = $3 AND item_key = $4",
            cluster.ServiceId, key, collection, itemKey);

    /// <summary>Item rows of the student written by its last write (the ones it changed).</summary>
    public static async Task<long> RowsOfLastWriteAsync(DomainCluster cluster, string key)
        => (long)(await cluster.Database.ScalarAsync(
            """
            SELECT count(*) FROM orleans_grain_state_items i
            JOIN orleans_grain_state t USING (service_id, grain_type, grain_key, state_name)
            WHERE i.service_id = $1 AND i.grain_type = 'student' AND i.grain_key = $2 AND i.write_id = t.write_id
            """,
            cluster.ServiceId, key))!;

    /// <summary>The state row keeps every keyed collection empty: their items live in item rows only.</summary>
    public static async Task AssertStateRowHoldsNoItemsAsync(DomainCluster cluster, string key)
    {
        using var row = JsonDocument.Parse((await cluster.StoredJsonAsync("student", key, "student"))!);
        foreach (var collection in Collections)
        {
            var value = row.RootElement.GetProperty(collection);
            Assert.True(value.ValueKind == JsonValueKind.Object && !value.EnumerateObject().Any(), $"The state row's {collection}: {value}");
        }
    }
}
