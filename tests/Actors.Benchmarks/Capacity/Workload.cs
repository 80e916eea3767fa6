using System.Text.Json;
using System.Text.Json.Serialization;

namespace Actors.Benchmarks.Capacity;

/// <summary>
/// What the capacity model sizes the platform for: users and their growth, who is active at the lesson-start peak,
/// what each active user does per minute then (and which benchmark rows each operation costs), and the shape of
/// the machines. Read from a JSON file (comments allowed, so each number can say where it comes from); the
/// repository's is <c>docs/capacity-workload.json</c>.
/// </summary>
internal sealed record Workload
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>Registered users today.</summary>
    public required long Users { get; init; }

    /// <summary>New users a week during the ramp.</summary>
    public required long RampUsersPerWeek { get; init; }

    /// <summary>Weeks of the ramp to size (0 is today).</summary>
    public required IReadOnlyList<int> RampWeeks { get; init; }

    public required PeakShares Peak { get; init; }

    /// <summary>
    /// Kibibytes of activations (grains in memory) per active user beyond the student grain the memory scenario
    /// measures: their documents and their share of a class.
    /// </summary>
    public double ExtraActivationKibPerActiveUser { get; init; }

    public required IReadOnlyList<Operation> Operations { get; init; }

    public required SiloShape Silo { get; init; }

    public required GatewayShape Gateway { get; init; }

    public required DatabaseShape Database { get; init; }

    /// <summary>Reads and checks a workload file.</summary>
    /// <exception cref="InvalidDataException">The file is malformed or a value is out of range.</exception>
    public static Workload Read(string path)
    {
        Workload workload;
        try
        {
            workload = JsonSerializer.Deserialize<Workload>(File.ReadAllText(path), Json) ?? throw new InvalidDataException($"{path} is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }

        return workload.Validate() is { } problem ? throw new InvalidDataException($"{path}: {problem}") : workload;
    }

    /// <summary>The first thing wrong with the values, or null.</summary>
    public string? Validate()
    {
        var shares = new[] { Peak.DailyActiveShare, Peak.PeakBandShare, Peak.LessonShare };
        return Users <= 0 ? "users must be positive."
            : RampUsersPerWeek < 0 ? "rampUsersPerWeek must not be negative."
            : RampWeeks.Count == 0 || RampWeeks.Any(w => w < 0) ? "rampWeeks must list weeks from 0 on."
            : shares.Any(s => s is <= 0 or > 1) ? "peak shares must be in (0, 1]."
            : ExtraActivationKibPerActiveUser < 0 ? "extraActivationKibPerActiveUser must not be negative."
            : Operations.Count == 0 ? "operations must not be empty."
            : Operations.FirstOrDefault(o => o.PerActiveUserPerMinute < 0 || o.Costs.Count == 0) is { } bad ? $"operation '{bad.Name}' needs a rate of at least 0 and at least one cost."
            : Silo.Vcpus <= 0 || Silo.MemoryGib <= 0 || Silo.ActivationMemoryShare is <= 0 or > 1 ? "silo: vcpus and memoryGib must be positive, activationMemoryShare in (0, 1]."
            : Gateway.Vcpus <= 0 ? "gateway: vcpus must be positive."
            : Database.NodeVcpus <= 0 || Database.ReplicationFactor < 1 || Database.DiskWriteMiBPerSecondPerNode <= 0 ? "database: nodeVcpus, replicationFactor and diskWriteMiBPerSecondPerNode must be positive."
            : new[] { Silo.Headroom, Gateway.Headroom, Database.Headroom }.Any(h => h < 0) ? "headroom must not be negative."
            : null;
    }
}

/// <summary>Which users are active in the peak minute: users × daily active × in the peak band × in a lesson using the platform.</summary>
internal sealed record PeakShares
{
    /// <summary>Share of registered users who use the platform on a school day.</summary>
    public required double DailyActiveShare { get; init; }

    /// <summary>Share of those whose lessons start in the same peak (the busiest band of time zones, the same period).</summary>
    public required double PeakBandShare { get; init; }

    /// <summary>Share of those in a lesson that uses the platform in that period.</summary>
    public required double LessonShare { get; init; }
}

/// <summary>One thing an active user does, how often in the peak minute, and what it costs in benchmark rows.</summary>
internal sealed record Operation
{
    public required string Name { get; init; }

    public required double PerActiveUserPerMinute { get; init; }

    /// <summary>Why this rate (the source, or the reasoning).</summary>
    public string? Basis { get; init; }

    /// <summary>The benchmark rows whose costs add up to one operation.</summary>
    public required IReadOnlyList<CostComponent> Costs { get; init; }
}

/// <summary>
/// One benchmark row (or, for growth, a size between two rows, interpolated) counted <see cref="Times"/> per operation.
/// Provider: the model's provider unless given (the echo row's is <c>none</c>).
/// </summary>
internal sealed record CostComponent
{
    public required string Scenario { get; init; }

    public int? Concurrency { get; init; }

    public string? Provider { get; init; }

    /// <summary>Growth rows: the document size, interpolated linearly between the measured sizes around it.</summary>
    public int? Annotations { get; init; }

    /// <summary>Growth rows: <c>comment</c> or <c>ink</c>.</summary>
    public string? Body { get; init; }

    public double Times { get; init; } = 1;
}

/// <summary>A silo: its size, and how much of it a sizing may plan to use.</summary>
internal sealed record SiloShape
{
    public required double Vcpus { get; init; }

    public required double MemoryGib { get; init; }

    /// <summary>Share of a silo's memory for activations (the rest: runtime, buffers, GC headroom).</summary>
    public required double ActivationMemoryShare { get; init; }

    /// <summary>Capacity kept spare beyond the peak, as a share of it (0.4: provision 1.4 × the demand).</summary>
    public required double Headroom { get; init; }
}

/// <summary>A gateway instance.</summary>
internal sealed record GatewayShape
{
    public required double Vcpus { get; init; }

    public required double Headroom { get; init; }
}

/// <summary>
/// The CockroachDB cluster, and how its cost per operation is taken from PostgreSQL's, which is what is measured here.
/// None of these factors is measured in this repository: they are stated assumptions.
/// </summary>
internal sealed record DatabaseShape
{
    public required double NodeVcpus { get; init; }

    public required int ReplicationFactor { get; init; }

    /// <summary>CPU of CockroachDB's SQL and KV layers per statement, as a multiple of PostgreSQL's for the same statement.</summary>
    public required double SqlCpuFactor { get; init; }

    /// <summary>CPU each follower replica spends applying a write (Raft log append, storage apply), as a share of the leaseholder's.</summary>
    public required double FollowerWriteShare { get; init; }

    /// <summary>Bytes written to disk per byte of PostgreSQL WAL, on each replica (Raft log plus the LSM's flushes and compactions).</summary>
    public required double DiskWriteAmplification { get; init; }

    /// <summary>Sustained disk write bandwidth a node may use.</summary>
    public required double DiskWriteMiBPerSecondPerNode { get; init; }

    public required double Headroom { get; init; }
}
