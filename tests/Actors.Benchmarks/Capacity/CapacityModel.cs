namespace Actors.Benchmarks.Capacity;

/// <summary>
/// The capacity model's arithmetic: from a workload, the measured cost of each operation and the heap per activation,
/// what a number of users needs at the lesson-start peak. Pure functions of their inputs (unit-tested).
/// </summary>
internal static class CapacityModel
{
    private const double BytesPerMiB = 1024 * 1024;
    private const double BytesPerGiB = 1024 * BytesPerMiB;

    /// <summary>Users active in the peak minute: users × daily active × peak band × in a lesson.</summary>
    public static double ActiveUsers(Workload workload, long users)
        => users * workload.Peak.DailyActiveShare * workload.Peak.PeakBandShare * workload.Peak.LessonShare;

    /// <summary>Users after <paramref name="week"/> weeks of the ramp.</summary>
    public static long UsersAtWeek(Workload workload, int week) => workload.Users + (workload.RampUsersPerWeek * week);

    /// <summary>Sizes the platform for <paramref name="users"/> users.</summary>
    /// <param name="workload">The workload and machine shapes.</param>
    /// <param name="costs">The cost of one of each of the workload's operations.</param>
    /// <param name="users">Registered users.</param>
    /// <param name="bytesPerStudentActivation">Measured heap per idle student activation.</param>
    public static CapacityEstimate Size(Workload workload, IReadOnlyDictionary<string, OperationCost> costs, long users, double bytesPerStudentActivation)
    {
        var active = ActiveUsers(workload, users);
        var perSecond = workload.Operations.ToDictionary(o => o.Name, o => active * o.PerActiveUserPerMinute / 60);
        var demand = workload.Operations.Aggregate(OperationCost.Zero, (sum, o) => sum + (costs[o.Name] * perSecond[o.Name]));

        var silo = workload.Silo;
        var silosForCpu = Ceiling(demand.SiloCpuSeconds * (1 + silo.Headroom) / silo.Vcpus);
        var bytesPerActiveUser = bytesPerStudentActivation + (workload.ExtraActivationKibPerActiveUser * 1024);
        var silosForMemory = Ceiling(active * bytesPerActiveUser * (1 + silo.Headroom) / (silo.MemoryGib * BytesPerGiB * silo.ActivationMemoryShare));
        var gateways = Math.Max(1, Ceiling(demand.GatewayCpuSeconds * (1 + workload.Gateway.Headroom) / workload.Gateway.Vcpus));

        var db = workload.Database;
        var cockroachCpu = CockroachCpu(db, demand.DatabaseReadCpuSeconds, demand.DatabaseWriteCpuSeconds);
        var diskBytesPerSecond = demand.WalBytes * db.ReplicationFactor * db.DiskWriteAmplification;
        var nodesForCpu = Ceiling(cockroachCpu * (1 + db.Headroom) / db.NodeVcpus);
        var nodesForDisk = Ceiling(diskBytesPerSecond * (1 + db.Headroom) / (db.DiskWriteMiBPerSecondPerNode * BytesPerMiB));
        var nodes = Math.Max(db.ReplicationFactor, Math.Max(nodesForCpu, nodesForDisk));

        return new CapacityEstimate
        {
            Users = users,
            ActiveUsers = active,
            OperationsPerSecond = perSecond,
            Demand = demand,
            SilosForCpu = silosForCpu,
            SilosForMemory = silosForMemory,
            Silos = Math.Max(1, Math.Max(silosForCpu, silosForMemory)),
            Gateways = gateways,
            PostgresVcpus = demand.DatabaseCpuSeconds * (1 + db.Headroom),
            CockroachCpuSeconds = cockroachCpu,
            CockroachVcpus = cockroachCpu * (1 + db.Headroom),
            DiskBytesPerSecond = diskBytesPerSecond,
            CockroachNodesForCpu = nodesForCpu,
            CockroachNodesForDisk = nodesForDisk,
            CockroachNodes = nodes,
        };
    }

    /// <summary>
    /// CockroachDB CPU from PostgreSQL's: every statement costs <see cref="DatabaseShape.SqlCpuFactor"/> times
    /// PostgreSQL's on the leaseholder; a write is also applied by each of the other replicas at
    /// <see cref="DatabaseShape.FollowerWriteShare"/> of that.
    /// </summary>
    public static double CockroachCpu(DatabaseShape db, double postgresReadCpu, double postgresWriteCpu)
        => (postgresReadCpu * db.SqlCpuFactor)
           + (postgresWriteCpu * db.SqlCpuFactor * (1 + (db.FollowerWriteShare * (db.ReplicationFactor - 1))));

    private static int Ceiling(double value) => (int)Math.Ceiling(value - 1e-9);
}

/// <summary>What a number of users needs at the lesson-start peak.</summary>
internal sealed record CapacityEstimate
{
    public required long Users { get; init; }

    public required double ActiveUsers { get; init; }

    /// <summary>Each operation's rate at the peak.</summary>
    public required IReadOnlyDictionary<string, double> OperationsPerSecond { get; init; }

    /// <summary>The peak's demand per second: CPU seconds per second (busy vCPUs) by tier, WAL bytes per second.</summary>
    public required OperationCost Demand { get; init; }

    public required int SilosForCpu { get; init; }

    public required int SilosForMemory { get; init; }

    public required int Silos { get; init; }

    public required int Gateways { get; init; }

    /// <summary>vCPUs a single PostgreSQL server would need (headroom included): the measured figure, uncorrected.</summary>
    public required double PostgresVcpus { get; init; }

    /// <summary>Busy CockroachDB vCPUs at the peak (corrected from PostgreSQL's).</summary>
    public required double CockroachCpuSeconds { get; init; }

    /// <summary>CockroachDB vCPUs to provision for CPU (headroom included).</summary>
    public required double CockroachVcpus { get; init; }

    /// <summary>Bytes written to disk per second across the CockroachDB cluster (all replicas, amplification included).</summary>
    public required double DiskBytesPerSecond { get; init; }

    public required int CockroachNodesForCpu { get; init; }

    public required int CockroachNodesForDisk { get; init; }

    /// <summary>Nodes to run: the larger of the CPU and disk needs, and at least the replication factor.</summary>
    public required int CockroachNodes { get; init; }

    public double TotalOperationsPerSecond => OperationsPerSecond.Values.Sum();

    /// <summary>What sets the silo count: <c>CPU</c> or <c>memory</c>.</summary>
    public string SiloBound => SilosForMemory > SilosForCpu ? "memory" : "CPU";

    /// <summary>What sets the database node count: <c>CPU</c>, <c>disk writes</c> or the replication factor's minimum.</summary>
    public string DatabaseBound => CockroachNodesForCpu >= CockroachNodesForDisk
        ? (CockroachNodes > CockroachNodesForCpu ? "replication minimum" : "CPU")
        : (CockroachNodes > CockroachNodesForDisk ? "replication minimum" : "disk writes");
}
