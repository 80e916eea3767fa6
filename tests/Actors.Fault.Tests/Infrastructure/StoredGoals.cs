using Actors.Testing;
using Npgsql;

namespace Actors.Fault.Tests.Infrastructure;

/// <summary>
/// The goals the database holds, read straight from the grain state table (not through a grain, whose memory could
/// differ from what was written): the evidence that an acknowledged write survived.
/// </summary>
internal static class StoredGoals
{
    /// <summary>Every (student, goal id) pair stored for <paramref name="studentIds"/> (of <see cref="FaultSchool"/>).</summary>
    public static async Task<HashSet<(string StudentId, string GoalId)>> ReadAsync(PostgresDatabase db, IEnumerable<string> studentIds)
    {
        var byKey = studentIds.ToDictionary(FaultSchool.Key, StringComparer.Ordinal);
        await using var connection = new NpgsqlConnection(db.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT s.grain_key, g->>'id'
            FROM orleans_grain_state s, jsonb_array_elements(s.state->'goals') g
            WHERE s.grain_type = 'student' AND s.state_name = 'student' AND s.grain_key = ANY($1)
            """,
            connection);
        command.Parameters.Add(new NpgsqlParameter { Value = byKey.Keys.ToArray() });
        var stored = new HashSet<(string, string)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            stored.Add((byKey[reader.GetString(0)], reader.GetString(1)));
        }

        return stored;
    }

    /// <summary>The acknowledged writes the database does not hold.</summary>
    public static async Task<IReadOnlyList<AcknowledgedWrite>> FindLostAsync(PostgresDatabase db, IEnumerable<string> studentIds, IReadOnlyList<AcknowledgedWrite> acknowledged)
    {
        var stored = await ReadAsync(db, studentIds);
        return [.. acknowledged.Where(a => !stored.Contains((a.StudentId, a.GoalId)))];
    }
}
