using Npgsql;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Actors.Persistence.CockroachDb.Resilience;

/// <summary>
/// Start-up work against the database (connect, create the schema) retried until a deadline, so a silo that
/// starts a moment before its database waits for it, and one pointed at a database that never answers fails
/// with a message naming the host rather than hanging.
/// </summary>
public static class StartupRetry
{
    /// <summary>
    /// Runs <paramref name="work"/> until it succeeds or <paramref name="timeout"/> passes; connection failures
    /// and the errors of two silos creating the same table at once are retried.
    /// </summary>
    /// <exception cref="InvalidOperationException">The database could not be reached, or the work failed.</exception>
    public static async Task RunAsync(
        NpgsqlDataSource dataSource, string what, TimeSpan timeout, Func<NpgsqlConnection, CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        Exception? last = null;
        var pipeline = new ResiliencePipelineBuilder()
            .AddTimeout(timeout)
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(100),
                MaxDelay = TimeSpan.FromSeconds(2),
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } e && IsRetryable(e)),
                OnRetry = args =>
                {
                    last = args.Outcome.Exception;
                    return ValueTask.CompletedTask;
                },
            })
            .Build();

        try
        {
            await pipeline.ExecuteAsync(
                static async (s, ct) =>
                {
                    await using var connection = await s.dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
                    await s.work(connection, ct).ConfigureAwait(false);
                },
                (dataSource, work),
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutRejectedException || (e is OperationCanceledException && last is not null && !cancellationToken.IsCancellationRequested))
        {
            throw new InvalidOperationException(
                $"{what}: the database at {Describe(dataSource)} could not be reached within {timeout.TotalSeconds:0.#} s. Last error: {(last ?? e).Message}",
                last ?? e);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new InvalidOperationException($"{what}: {e.Message} (database {Describe(dataSource)})", e);
        }
    }

    private static bool IsRetryable(Exception e) =>
        PostgresErrorClassifier.Classify(e) != FailureKind.Fatal
        || e is PostgresException { SqlState: SqlStates.DuplicateTable or SqlStates.UniqueViolation or SqlStates.DuplicateObject };

    /// <summary>Host, port and database of a data source, without credentials.</summary>
    public static string Describe(NpgsqlDataSource dataSource)
    {
        var builder = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
        return $"{builder.Host}:{builder.Port}/{builder.Database ?? builder.Username}";
    }
}
