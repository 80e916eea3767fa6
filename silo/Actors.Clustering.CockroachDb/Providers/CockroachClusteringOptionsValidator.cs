using Microsoft.Extensions.Options;
using Npgsql;
using Orleans;
using Orleans.Runtime;

namespace Actors.Clustering.CockroachDb.Providers;

/// <summary>Checks the clustering options when a silo or client starts; every error names the option.</summary>
public sealed class CockroachClusteringOptionsValidator(IOptions<CockroachClusteringOptions> options) : IConfigurationValidator
{
    /// <inheritdoc />
    public void ValidateConfiguration()
    {
        var value = options.Value;
        if (string.IsNullOrWhiteSpace(value.ConnectionString))
        {
            Fail(nameof(value.ConnectionString), "is required. Example: Host=db1,db2,db3;Port=26257;Username=app;Database=actors");
        }

        try
        {
            _ = new NpgsqlConnectionStringBuilder(value.ConnectionString);
        }
        catch (ArgumentException e)
        {
            Fail(nameof(value.ConnectionString), $"is not a valid Npgsql connection string: {e.Message}");
        }

        if (value.StartupTimeout <= TimeSpan.Zero)
        {
            Fail(nameof(value.StartupTimeout), "must be positive.");
        }
    }

    private static void Fail(string option, string problem)
        => throw new OrleansConfigurationException($"Invalid configuration for CockroachDB clustering: {nameof(CockroachClusteringOptions)}.{option} {problem}");
}
