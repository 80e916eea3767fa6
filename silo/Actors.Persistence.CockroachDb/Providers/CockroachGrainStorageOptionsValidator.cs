using Actors.Persistence.CockroachDb.Storage;
using Npgsql;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;

namespace Actors.Persistence.CockroachDb.Providers;

/// <summary>
/// Checks a storage's options when the silo starts; every error names the provider and the option.
/// </summary>
public sealed class CockroachGrainStorageOptionsValidator(
    CockroachGrainStorageOptions options, string name, SiloMessagingOptions? messaging = null) : IConfigurationValidator
{
    /// <inheritdoc />
    public void ValidateConfiguration()
    {
        if (options.DataSource is null)
        {
            if (string.IsNullOrWhiteSpace(options.ConnectionString))
            {
                Fail(nameof(options.ConnectionString), "is required (or set DataSource). Example: Host=db1,db2,db3;Port=26257;Username=app;Database=actors");
            }

            try
            {
                _ = new NpgsqlConnectionStringBuilder(options.ConnectionString);
            }
            catch (ArgumentException e)
            {
                Fail(nameof(options.ConnectionString), $"is not a valid Npgsql connection string: {e.Message}");
            }
        }

        if (!GrainStateTable.IsValidName(options.TableName))
        {
            Fail(nameof(options.TableName), $"'{options.TableName}' is not a valid table name: lower-case letters, digits and underscores, optionally 'schema.table'.");
        }

        foreach (var group in options.ItemCollections.GroupBy(c => c.StateType))
        {
            foreach (var collection in group)
            {
                if (string.IsNullOrWhiteSpace(collection.Name) || collection.Name.Length > 128)
                {
                    Fail(nameof(options.ItemCollections), $"a collection of {group.Key.Name} needs a name of 1 to 128 characters.");
                }
            }

            if (group.Select(c => c.Name).Distinct(StringComparer.Ordinal).Count() != group.Count())
            {
                Fail(nameof(options.ItemCollections), $"{group.Key.Name} registers a collection name twice.");
            }
        }

        if (options.StartupTimeout <= TimeSpan.Zero)
        {
            Fail(nameof(options.StartupTimeout), "must be positive.");
        }

        if (options.IdleInTransactionTimeout < TimeSpan.Zero)
        {
            Fail(nameof(options.IdleInTransactionTimeout), "must not be negative (zero leaves the server's setting).");
        }

        var retry = options.Retry;
        if (retry is null)
        {
            Fail(nameof(options.Retry), "is required.");
            return;
        }

        if (retry.MaxAttempts < 1)
        {
            Fail("Retry.MaxAttempts", "must be at least 1.");
        }

        if (retry.BaseDelay <= TimeSpan.Zero || retry.MaxDelay < retry.BaseDelay)
        {
            Fail("Retry.BaseDelay/MaxDelay", "BaseDelay must be positive and MaxDelay at least BaseDelay.");
        }

        if (retry.SerializationBaseDelay < TimeSpan.Zero || retry.SerializationBaseDelay > retry.MaxDelay)
        {
            Fail("Retry.SerializationBaseDelay", $"({retry.SerializationBaseDelay.TotalMilliseconds} ms) must be between 0 and MaxDelay.");
        }

        if (retry.TotalBudget <= TimeSpan.Zero)
        {
            Fail("Retry.TotalBudget", "must be positive.");
        }

        if (options.Batching is not { } batching)
        {
            Fail(nameof(options.Batching), "is required.");
            return;
        }

        if (batching.Window < TimeSpan.Zero || batching.Window > TimeSpan.FromSeconds(1))
        {
            Fail("Batching.Window", $"({batching.Window.TotalMilliseconds} ms) must be between 0 and 1 s: every batched write waits up to this long.");
        }

        if (batching.MaxBatchSize is < 1 or > 1000)
        {
            Fail("Batching.MaxBatchSize", $"({batching.MaxBatchSize}) must be between 1 and 1000.");
        }

        if (batching.MaxConcurrentBatches < 1)
        {
            Fail("Batching.MaxConcurrentBatches", "must be at least 1.");
        }

        if (messaging is not null && retry.TotalBudget >= messaging.ResponseTimeout)
        {
            Fail("Retry.TotalBudget", $"({retry.TotalBudget.TotalSeconds} s) must be below the grain call timeout SiloMessagingOptions.ResponseTimeout ({messaging.ResponseTimeout.TotalSeconds} s), or callers time out before storage reports its error.");
        }
    }

    private void Fail(string option, string problem)
        => throw new OrleansConfigurationException($"Invalid configuration for CockroachDB grain storage '{name}': {nameof(CockroachGrainStorageOptions)}.{option} {problem}");
}
