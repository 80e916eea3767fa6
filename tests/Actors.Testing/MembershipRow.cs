using Npgsql;

namespace Actors.Testing;

/// <summary>
/// One silo's row in the Orleans membership table (<c>OrleansMembershipTable</c>), read straight from the database so
/// a test sees what the cluster recorded rather than what a silo believes.
/// </summary>
public sealed record MembershipRow(string SiloName, string Address, int Port, int Generation, int Status, DateTime IAmAliveTime, string? SuspectTimes)
{
    /// <summary>Orleans' <c>SiloStatus.Active</c>.</summary>
    public const int Active = 3;

    /// <summary>Orleans' <c>SiloStatus.Dead</c>.</summary>
    public const int Dead = 6;

    private static readonly string[] StatusNames = ["None", "Created", "Joining", "Active", "ShuttingDown", "Stopping", "Dead"];

    /// <summary>The status's Orleans name.</summary>
    public string StatusName => Status >= 0 && Status < StatusNames.Length ? StatusNames[Status] : Status.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Reads the rows of cluster <paramref name="clusterId"/>, ordered by silo name.</summary>
    public static async Task<IReadOnlyList<MembershipRow>> ReadAsync(PostgresDatabase db, string clusterId)
    {
        await using var connection = new NpgsqlConnection(db.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT SiloName, Address, Port, Generation, Status, IAmAliveTime, SuspectTimes
            FROM OrleansMembershipTable WHERE DeploymentId = $1 ORDER BY SiloName
            """,
            connection);
        command.Parameters.Add(new NpgsqlParameter { Value = clusterId });
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<MembershipRow>();
        while (await reader.ReadAsync())
        {
            rows.Add(new MembershipRow(
                reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4),
                reader.GetDateTime(5), reader.IsDBNull(6) ? null : reader.GetString(6)));
        }

        return rows;
    }

    /// <summary>Polls the rows until <paramref name="done"/> holds, at most <paramref name="timeout"/>.</summary>
    public static Task<IReadOnlyList<MembershipRow>> WaitAsync(
        PostgresDatabase db, string clusterId, Func<IReadOnlyList<MembershipRow>, bool> done, TimeSpan timeout, string what)
        => Poll.UntilAsync(() => ReadAsync(db, clusterId), done, timeout, what, rows => string.Join("; ", rows));

    /// <inheritdoc />
    public override string ToString() => $"{SiloName} {Address}:{Port}@{Generation} {StatusName} alive {IAmAliveTime:HH:mm:ss.fff} suspects [{SuspectTimes}]";
}
