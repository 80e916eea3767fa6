using System.Data.Common;
using Npgsql;

namespace Actors.Persistence.CockroachDb.Storage;

/// <summary>
/// Npgsql settings the provider turns on unless the connection string sets them (docs/storage.md, "Npgsql settings").
/// They stop two costs Npgsql's defaults put on the database for every operation:
/// <list type="bullet">
/// <item><c>No Reset On Close=true</c>: no <c>DISCARD ALL</c> sent with the first command after a pooled connection is
/// handed out. The reset exists for sessions whose users change session state (SET, temporary tables, LISTEN,
/// advisory locks); this provider's connections never do, and a transaction left open by a failed batch is still
/// rolled back when the connection returns to the pool (Npgsql does that regardless of this setting).</item>
/// <item><c>Max Auto Prepare</c>: a statement used five times on a connection is prepared there, so later uses skip
/// the database's parse and plan. The provider has about ten statement texts, all fixed (batches of any size bind
/// arrays to the same text), so the cache never churns.</item>
/// </list>
/// </summary>
internal static class ConnectionSettings
{
    /// <summary>The number of prepared statements per connection when the connection string does not say.</summary>
    public const int DefaultMaxAutoPrepare = 32;

    /// <summary>Returns <paramref name="connectionString"/> with the provider's defaults for settings it does not set.</summary>
    public static string WithProviderDefaults(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!Sets(given, "No Reset On Close", "NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }

        if (!Sets(given, "Max Auto Prepare", "MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = DefaultMaxAutoPrepare;
        }

        return builder.ConnectionString;
    }

    private static bool Sets(DbConnectionStringBuilder given, params string[] keys) => keys.Any(given.ContainsKey);
}
