namespace Actors.Persistence.CockroachDb.Resilience;

/// <summary>
/// An attempt was cut short because <see cref="Providers.CockroachRetryOptions.TotalBudget"/> ran out while it was
/// waiting for a pooled connection or for the database. Not retried: there is no budget left.
/// </summary>
internal sealed class RetryBudgetExhaustedException(TimeSpan budget, Exception? cause)
    : TimeoutException($"The retry budget of {budget.TotalSeconds:0.###} s ran out before the database answered.", cause)
{
    /// <summary>The budget that ran out.</summary>
    public TimeSpan Budget { get; } = budget;
}
