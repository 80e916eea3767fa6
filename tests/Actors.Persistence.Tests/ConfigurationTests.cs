using Actors.Persistence.CockroachDb.Hosting;
using Actors.Persistence.CockroachDb.Providers;
using Actors.Persistence.CockroachDb.Storage;
using Actors.Testing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;

namespace Actors.Persistence.Tests;

/// <summary>Bad configuration fails at silo start-up with a message that names the problem.</summary>
[Trait("Category", "Storage")]
public sealed class ConfigurationTests
{
    [Fact]
    public async Task A_silo_without_a_connection_string_does_not_start()
    {
        var e = await Assert.ThrowsAsync<OrleansConfigurationException>(() => StartSiloAsync(o => { }));

        Assert.Contains("CockroachGrainStorageOptions.ConnectionString is required", e.Message);
    }

    [Fact]
    public async Task A_silo_whose_database_cannot_be_reached_fails_with_the_address()
    {
        var closedPort = FreePort();
        var e = await Assert.ThrowsAsync<CockroachStorageException>(() => StartSiloAsync(o =>
        {
            o.ConnectionString = $"Host=127.0.0.1;Port={closedPort};Username=postgres;Database=nowhere;Timeout=2";
            o.StartupTimeout = TimeSpan.FromSeconds(2);
        }));

        Assert.Contains($"127.0.0.1:{closedPort}", e.Message);
        Assert.Contains("could not be reached", e.Message);
    }

    [Theory]
    [InlineData("Robert'); DROP TABLE students;--", "TableName")]
    [InlineData("UPPER_case", "TableName")]
    public void Invalid_table_names_are_rejected(string table, string option)
    {
        var validator = new CockroachGrainStorageOptionsValidator(new() { ConnectionString = "Host=x", TableName = table }, "s");

        var e = Assert.Throws<OrleansConfigurationException>(validator.ValidateConfiguration);
        Assert.Contains(option, e.Message);
    }

    [Fact]
    public void A_retry_budget_longer_than_the_grain_call_timeout_is_rejected()
    {
        var options = new CockroachGrainStorageOptions { ConnectionString = "Host=x", Retry = { TotalBudget = TimeSpan.FromSeconds(45) } };
        var validator = new CockroachGrainStorageOptionsValidator(options, "s", new SiloMessagingOptions { ResponseTimeout = TimeSpan.FromSeconds(30) });

        var e = Assert.Throws<OrleansConfigurationException>(validator.ValidateConfiguration);
        Assert.Contains("Retry.TotalBudget", e.Message);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1001)]
    public void A_serialization_retry_delay_below_zero_or_above_the_maximum_delay_is_rejected(int delayMs)
    {
        var options = new CockroachGrainStorageOptions { ConnectionString = "Host=x", Retry = { SerializationBaseDelay = TimeSpan.FromMilliseconds(delayMs) } };

        var e = Assert.Throws<OrleansConfigurationException>(new CockroachGrainStorageOptionsValidator(options, "s").ValidateConfiguration);
        Assert.Contains("Retry.SerializationBaseDelay", e.Message);
    }

    [Theory]
    [InlineData(-1, 64, 4, "Batching.Window")]
    [InlineData(5000, 64, 4, "Batching.Window")]
    [InlineData(1, 0, 4, "Batching.MaxBatchSize")]
    [InlineData(1, 64, 0, "Batching.MaxConcurrentBatches")]
    public void Batching_settings_out_of_range_are_rejected(int windowMs, int maxBatchSize, int maxConcurrentBatches, string option)
    {
        var options = new CockroachGrainStorageOptions { ConnectionString = "Host=x" };
        options.Batching.Window = TimeSpan.FromMilliseconds(windowMs);
        options.Batching.MaxBatchSize = maxBatchSize;
        options.Batching.MaxConcurrentBatches = maxConcurrentBatches;

        var e = Assert.Throws<OrleansConfigurationException>(new CockroachGrainStorageOptionsValidator(options, "s").ValidateConfiguration);
        Assert.Contains(option, e.Message);
    }

    [Fact]
    public void A_malformed_connection_string_is_rejected()
    {
        var validator = new CockroachGrainStorageOptionsValidator(new() { ConnectionString = "Host=x;Nonsense Key=1" }, "s");

        var e = Assert.Throws<OrleansConfigurationException>(validator.ValidateConfiguration);
        Assert.Contains("ConnectionString is not a valid", e.Message);
    }

    private static async Task StartSiloAsync(Action<CockroachGrainStorageOptions> configure)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(FreePort(), FreePort(), serviceId: "config-test", clusterId: Guid.NewGuid().ToString("N"))
            .AddCockroachGrainStorage("actors", configure));
        using var host = builder.Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await host.StartAsync(timeout.Token);

        // Only reached if start-up wrongly succeeded; the assertion in the caller then fails.
        await host.StopAsync(CancellationToken.None);
    }

    private static int FreePort() => FreePorts.Next();
}
