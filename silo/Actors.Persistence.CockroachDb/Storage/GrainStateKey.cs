using Orleans.Runtime;

namespace Actors.Persistence.CockroachDb.Storage;

/// <summary>The primary key of one grain state row.</summary>
internal readonly record struct GrainStateKey(string ServiceId, string GrainType, string GrainKey, string StateName)
{
    public static GrainStateKey From(string serviceId, string stateName, GrainId grainId)
        => new(serviceId, grainId.Type.ToString()!, grainId.Key.ToString()!, stateName);

    public override string ToString() => $"{GrainType}/{GrainKey} ({StateName})";

    /// <summary>Ordinal order of the primary key's columns: the order in which a batch writes its rows.</summary>
    public static int Compare(GrainStateKey a, GrainStateKey b)
    {
        var order = string.CompareOrdinal(a.ServiceId, b.ServiceId);
        order = order != 0 ? order : string.CompareOrdinal(a.GrainType, b.GrainType);
        order = order != 0 ? order : string.CompareOrdinal(a.GrainKey, b.GrainKey);
        return order != 0 ? order : string.CompareOrdinal(a.StateName, b.StateName);
    }
}

/// <summary>A grain state row as read: <see cref="State"/> is null on a tombstone.</summary>
internal sealed record GrainStateRow(long Version, string? State, Guid WriteId);
