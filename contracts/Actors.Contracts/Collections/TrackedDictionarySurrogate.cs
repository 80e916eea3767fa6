using System.Collections.Immutable;

namespace Actors.Contracts.Collections;

/// <summary>
/// What Orleans serializes of a <see cref="TrackedDictionary{TValue}"/> (a grain state moving with its activation):
/// its items. The history stays behind; the copy starts its own.
/// </summary>
[GenerateSerializer]
public struct TrackedDictionarySurrogate<TValue>
{
    [Id(0)]
    public ImmutableDictionary<string, TValue> Items;
}

/// <summary>Converts a <see cref="TrackedDictionary{TValue}"/> to and from its <see cref="TrackedDictionarySurrogate{TValue}"/>.</summary>
[RegisterConverter]
public sealed class TrackedDictionarySurrogateConverter<TValue> : IConverter<TrackedDictionary<TValue>, TrackedDictionarySurrogate<TValue>>
{
    public TrackedDictionary<TValue> ConvertFromSurrogate(in TrackedDictionarySurrogate<TValue> surrogate)
        => surrogate.Items is null ? TrackedDictionary<TValue>.Empty : TrackedDictionary<TValue>.From(surrogate.Items);

    public TrackedDictionarySurrogate<TValue> ConvertToSurrogate(in TrackedDictionary<TValue> value)
        => new() { Items = value.ToImmutableDictionary() };
}
