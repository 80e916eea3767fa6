using Actors.Testing;
using Npgsql;

namespace Actors.Fault.Tests.Infrastructure;

/// <summary>
/// The goals the database holds, read straight from the student's item rows (not through a grain, whose memory could
/// differ from what was written): the evidence that an acknowledged write survived. A student's goals are stored one
/// row per goal (docs/storage.md, "Incremental storage").
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
            SELECT grain_key, item->>'id'
            FROM orleans_grain_state_items
            WHERE grain_type = 'student' AND state_name = 'student' AND collection = 'goals' AND grain_key = ANY($1)
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
