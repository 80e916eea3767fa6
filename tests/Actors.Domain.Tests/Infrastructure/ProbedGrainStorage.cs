using Orleans.Runtime;
using Orleans.Storage;

namespace Actors.Domain.Tests.Infrastructure;

/// <summary>
/// The test silo's "actors" storage: the real CockroachDB provider (on PostgreSQL) underneath, observed by a
/// <see cref="StorageProbe"/>. Reads and writes go to the database unchanged; nothing is mocked.
/// </summary>
public sealed class ProbedGrainStorage(IGrainStorage database, StorageProbe probe) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        => database.ReadStateAsync(stateName, grainId, grainState);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await probe.BeforeWriteAsync(grainId);
        await database.WriteStateAsync(stateName, grainId, grainState);
        probe.Written(grainId);
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        // A clear is a write (a tombstone): it can be held or failed like one.
        await probe.BeforeWriteAsync(grainId);
        await database.ClearStateAsync(stateName, grainId, grainState);
        probe.Written(grainId);
    }
}
