using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Actors.Silo.Health;

/// <summary>
/// Ready only while the database answers a trivial query. It uses a small pool of its own with short timeouts, so a
/// database that hangs makes the probe fail in seconds rather than wait out Npgsql's 15 s connect timeout, and a busy
/// grain-storage pool never delays it.
/// </summary>
internal sealed class DatabaseHealthCheck : IHealthCheck, IAsyncDisposable
{
    /// <summary>Connect and command timeout of the probe, in seconds.</summary>
    private const int TimeoutSeconds = 3;

    private readonly NpgsqlDataSource _dataSource;

    public DatabaseHealthCheck(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString)
        {
            Timeout = TimeoutSeconds,
            CommandTimeout = TimeoutSeconds,
            MaxPoolSize = 2,
            ApplicationName = "actors-silo-health",
        };
        _dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
    }

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = _dataSource.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy("the database answers");
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or OperationCanceledException)
        {
            // A broken pooled connection must not fail the next probe as well.
            _dataSource.Clear();
            return HealthCheckResult.Unhealthy($"the database does not answer: {e.Message}");
        }
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
