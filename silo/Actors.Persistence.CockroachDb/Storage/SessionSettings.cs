using System.Globalization;
using Npgsql;

namespace Actors.Persistence.CockroachDb.Storage;

/// <summary>
/// Session variables the storage sets on its own connections, through the startup packet's <c>options</c>
/// (<c>-c name=value</c>, which CockroachDB and PostgreSQL both read), so that every pooled connection has them
/// without a round trip.
/// </summary>
internal static class SessionSettings
{
    private const string IdleInTransaction = "idle_in_transaction_session_timeout";

    /// <summary>
    /// <paramref name="connectionString"/> with <c>idle_in_transaction_session_timeout</c> set to
    /// <paramref name="idleInTransactionTimeout"/> (in whole milliseconds), unless it is zero or the connection string
    /// already sets that variable (an operator's explicit choice wins).
    /// </summary>
    public static string Apply(string connectionString, TimeSpan idleInTransactionTimeout)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var options = builder.Options ?? string.Empty;
        if (idleInTransactionTimeout <= TimeSpan.Zero || options.Contains(IdleInTransaction, StringComparison.OrdinalIgnoreCase))
        {
            return connectionString;
        }

        var milliseconds = Math.Max(1L, (long)Math.Ceiling(idleInTransactionTimeout.TotalMilliseconds));
        builder.Options = $"{options} -c {IdleInTransaction}={milliseconds.ToString(CultureInfo.InvariantCulture)}".Trim();
        return builder.ConnectionString;
    }
}
