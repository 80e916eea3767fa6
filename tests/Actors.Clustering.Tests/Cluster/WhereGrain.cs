using Orleans;
using Orleans.Runtime;

namespace Actors.Clustering.Tests.Cluster;

/// <summary>A grain that says which silo it lives on.</summary>
public interface IWhereGrain : IGrainWithIntegerKey
{
    /// <summary>The hosting silo's address (<see cref="SiloAddress.ToParsableString"/>).</summary>
    Task<string> GetSiloAddress();
}

/// <inheritdoc cref="IWhereGrain" />
public sealed class WhereGrain(ILocalSiloDetails silo) : Grain, IWhereGrain
{
    /// <inheritdoc />
    public Task<string> GetSiloAddress() => Task.FromResult(silo.SiloAddress.ToParsableString());
}
