using Actors.Testing.Cluster;
using Orleans;
using Orleans.Runtime;

namespace Actors.Clustering.Tests.Cluster;

/// <summary>A grain that appends entries to state persisted through the CockroachDB grain storage.</summary>
public interface ILedgerGrain : IGrainWithStringKey
{
    /// <summary>Appends and persists; returns once the write is durable.</summary>
    Task Append(string entry);

    /// <summary>The persisted entries, and the activation that answered.</summary>
    Task<(List<string> Entries, Guid Activation, string Silo)> Read();

    /// <summary>Deactivates after this call.</summary>
    Task Deactivate();
}

/// <summary>State of <see cref="LedgerGrain"/>.</summary>
[GenerateSerializer]
public sealed class LedgerState
{
    [Id(0)]
    public List<string> Entries { get; set; } = [];
}

/// <inheritdoc cref="ILedgerGrain" />
public sealed class LedgerGrain(
    [PersistentState("ledger", CockroachClusterConfigurator.StorageName)] IPersistentState<LedgerState> state,
    ILocalSiloDetails silo) : Grain, ILedgerGrain
{
    private readonly Guid _activation = Guid.NewGuid();

    /// <inheritdoc />
    public async Task Append(string entry)
    {
        state.State.Entries.Add(entry);
        await state.WriteStateAsync();
    }

    /// <inheritdoc />
    public Task<(List<string> Entries, Guid Activation, string Silo)> Read()
        => Task.FromResult((state.State.Entries, _activation, silo.SiloAddress.ToParsableString()));

    /// <inheritdoc />
    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
