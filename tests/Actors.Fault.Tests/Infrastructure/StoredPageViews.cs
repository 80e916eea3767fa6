using Actors.Testing;

namespace Actors.Fault.Tests.Infrastructure;

/// <summary>Page views the database holds for a student (the sum of its per-page counts), read from the grain state table.</summary>
internal static class StoredPageViews
{
    public static async Task<long> TotalAsync(PostgresDatabase db, string studentId)
        => Convert.ToInt64(await db.ScalarAsync(
            """
            SELECT coalesce(sum(v.value::bigint), 0)
            FROM orleans_grain_state s, jsonb_each_text(coalesce(s.state->'pageViews', '{}'::jsonb)) v
            WHERE s.grain_type = 'student' AND s.state_name = 'student' AND s.grain_key = $1
            """,
            studentId));
}
