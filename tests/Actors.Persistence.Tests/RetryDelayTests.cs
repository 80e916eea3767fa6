using Actors.Persistence.CockroachDb.Providers;
using Actors.Persistence.CockroachDb.Resilience;
using Npgsql;

namespace Actors.Persistence.Tests;

/// <summary>
/// A serialization failure is retried after a short pause of its own; everything else keeps the pipeline's backoff
/// from <see cref="CockroachRetryOptions.BaseDelay"/>, so a node drain still gets its time to come back.
/// </summary>
[Trait("Category", "Storage")]
public sealed class RetryDelayTests
{
    private static readonly CockroachRetryOptions Options = new()
    {
        SerializationBaseDelay = TimeSpan.FromMilliseconds(2),
        BaseDelay = TimeSpan.FromMilliseconds(20),
        MaxDelay = TimeSpan.FromMilliseconds(100),
    };

    [Theory]
    [InlineData(SqlStates.SerializationFailure)]
    [InlineData(SqlStates.DeadlockDetected)]
    public void The_first_retry_after_a_serialization_failure_waits_between_half_and_one_and_a_half_serialization_base_delays(string sqlState)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(1), RetryDelay.AfterSerializationFailure(Postgres(sqlState), 0, Options, jitter: 0));
        Assert.Equal(TimeSpan.FromMilliseconds(2), RetryDelay.AfterSerializationFailure(Postgres(sqlState), 0, Options, jitter: 0.5));
        Assert.True(RetryDelay.AfterSerializationFailure(Postgres(sqlState), 0, Options, jitter: 0.999) < TimeSpan.FromMilliseconds(3));
    }

    [Fact]
    public void Each_further_retry_doubles_the_delay_up_to_the_maximum()
    {
        var delays = Enumerable.Range(0, 8)
            .Select(attempt => RetryDelay.AfterSerializationFailure(Postgres(SqlStates.SerializationFailure), attempt, Options, jitter: 0.5)!.Value.TotalMilliseconds)
            .ToArray();

        Assert.Equal([2, 4, 8, 16, 32, 64, 100, 100], delays);
        Assert.Equal(Options.MaxDelay, RetryDelay.AfterSerializationFailure(Postgres(SqlStates.SerializationFailure), int.MaxValue, Options, jitter: 0.999));
    }

    public static TheoryData<string, Exception?> OtherFailures => new()
    {
        { "node drain (57P01)", Postgres(SqlStates.AdminShutdown) },
        { "server closed the socket", new NpgsqlException("Exception while reading from stream", new EndOfStreamException()) },
        { "too many connections", Postgres(SqlStates.TooManyConnections) },
        { "40003", Postgres(SqlStates.StatementCompletionUnknown) },
        { "no exception", null },
    };

    [Theory]
    [MemberData(nameof(OtherFailures))]
    public void Other_failures_leave_the_delay_to_the_pipelines_backoff_from_the_base_delay(string what, Exception? failure)
    {
        Assert.True(RetryDelay.AfterSerializationFailure(failure, 0, Options, jitter: 0.5) is null, what);
    }

    private static PostgresException Postgres(string sqlState) => new("test", "ERROR", "ERROR", sqlState);
}
