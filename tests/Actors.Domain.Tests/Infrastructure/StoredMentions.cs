namespace Actors.Domain.Tests.Infrastructure;

/// <summary>
/// Whether any grain's stored state — a state row or an item row (a document's annotations and tombstones) — mentions
/// a text, such as an erased student's id: what an erasure must leave none of.
/// </summary>
public static class StoredMentions
{
    public static async Task<bool> AnyAsync(DomainCluster cluster, string text)
        => (bool)(await cluster.Database.ScalarAsync(
            """
            SELECT EXISTS (SELECT 1 FROM orleans_grain_state WHERE service_id = $1 AND state::text LIKE $2)
                OR EXISTS (SELECT 1 FROM orleans_grain_state_items WHERE service_id = $1 AND item::text LIKE $2)
            """,
            cluster.ServiceId,
            $"%{text}%"))!;

    /// <summary>The rows that mention <paramref name="text"/>, for a failure message.</summary>
    public static async Task<string?> ListAsync(DomainCluster cluster, string text)
        => await cluster.Database.ScalarAsync(
            """
            SELECT string_agg(x, ' | ') FROM (
                SELECT grain_type || ' ' || grain_key || ': ' || state::text AS x FROM orleans_grain_state WHERE service_id = $1 AND state::text LIKE $2
                UNION ALL
                SELECT grain_type || ' ' || grain_key || ' ' || collection || ': ' || item::text FROM orleans_grain_state_items WHERE service_id = $1 AND item::text LIKE $2) AS rows
            """,
            cluster.ServiceId,
            $"%{text}%") as string;
}
