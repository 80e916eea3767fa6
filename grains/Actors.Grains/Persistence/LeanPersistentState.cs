using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Storage;

namespace Actors.Grains.Persistence;

/// <summary>
/// A grain's persistent state on a named storage provider, for grains that are many and mostly idle (a student):
/// what <c>[PersistentState]</c> gives, less what costs memory per activation without being used — Orleans' bridge
/// subscribes to the grain's lifecycle (which allocates the lifecycle itself) and registers for live migration, about
/// 300 bytes per activation (docs/benchmarks.md, "Memory per idle student activation"). The grain reads it itself,
/// first thing in <c>OnActivateAsync</c>; a grain moved to another silo reads it there again. The object is its own
/// <see cref="IGrainState{T}"/>, so the provider sees the same object on every call of an activation, as Orleans'
/// bridge does.
/// </summary>
internal sealed class LeanPersistentState<T> : IPersistentState<T>, IGrainState<T>
{
    private readonly IGrainContext _grain;
    private readonly string _stateName;
    private readonly IGrainStorage _storage;

    /// <summary>
    /// Create it while the grain is constructed (a field initializer), from the grain's injected
    /// <see cref="IGrainContextAccessor"/>: a singleton, whereas injecting <see cref="IGrainContext"/> itself would
    /// make the activation's service scope remember it (about 230 bytes more per activation).
    /// </summary>
    /// <param name="context">Gives the activation being constructed.</param>
    /// <param name="stateName">The state's name, as in <c>[PersistentState(stateName, storageName)]</c>.</param>
    /// <param name="storageName">The storage provider's name.</param>
    public LeanPersistentState(IGrainContextAccessor context, string stateName, string storageName)
    {
        var grain = context.GrainContext ?? throw new InvalidOperationException($"{nameof(LeanPersistentState<T>)} is created only while a grain is constructed.");
        _grain = grain;
        _stateName = stateName;
        _storage = grain.ActivationServices.GetKeyedService<IGrainStorage>(storageName)
            ?? throw new BadProviderConfigException($"No storage provider named \"{storageName}\" is registered (grain type {grain.GrainId.Type}).");
    }

    /// <summary>The state: null until <see cref="ReadStateAsync()"/> ran (the grain reads it on activation).</summary>
    [System.Diagnostics.CodeAnalysis.AllowNull]
    public T State { get; set; } = default!;

    /// <inheritdoc />
    public string? ETag { get; set; }

    /// <inheritdoc />
    public bool RecordExists { get; set; }

    string? Orleans.Core.IStorage.Etag => ETag;

    /// <inheritdoc />
    public Task ReadStateAsync() => _storage.ReadStateAsync(_stateName, _grain.GrainId, this);

    /// <inheritdoc />
    public Task WriteStateAsync() => _storage.WriteStateAsync(_stateName, _grain.GrainId, this);

    /// <inheritdoc />
    public Task ClearStateAsync() => _storage.ClearStateAsync(_stateName, _grain.GrainId, this);
}
