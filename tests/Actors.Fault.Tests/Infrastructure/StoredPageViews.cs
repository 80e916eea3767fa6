using Actors.Testing;

namespace Actors.Fault.Tests.Infrastructure;

/// <summary>Page views the database holds for a student (the sum of its per-page counts), read from its item rows (one per page).</summary>
internal static class StoredPageViews
{
    public static async Task<long> TotalAsync(PostgresDatabase db, string studentId)
        => Convert.ToInt64(await db.ScalarAsync(
            """
            SELECT coalesce(sum((item->>'count')::bigint), 0)
            FROM orleans_grain_state_items
            WHERE grain_type = 'student' AND state_name = 'student' AND collection = 'pageViews' AND grain_key = $1
            """,
            studentId));
}
