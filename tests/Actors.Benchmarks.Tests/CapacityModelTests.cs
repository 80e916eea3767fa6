using Actors.Benchmarks.Capacity;

namespace Actors.Benchmarks.Tests;

/// <summary>The model's arithmetic on round numbers worked out by hand.</summary>
public class CapacityModelTests
{
    private static readonly OperationCost Write = new(SiloCpuSeconds: 0.001, GatewayCpuSeconds: 0.0005, DatabaseReadCpuSeconds: 0, DatabaseWriteCpuSeconds: 0.002, WalBytes: 1000);
    private static readonly OperationCost Read = new(SiloCpuSeconds: 0.0001, GatewayCpuSeconds: 0.0002, DatabaseReadCpuSeconds: 0.00005, DatabaseWriteCpuSeconds: 0, WalBytes: 0);

    internal static Workload Workload(double extraKib = 1, double diskMiB = 250, double nodeVcpus = 16, int replicationFactor = 3) => new()
    {
        Users = 1_000_000,
        RampUsersPerWeek = 100_000,
        RampWeeks = [0, 10],
        Peak = new PeakShares { DailyActiveShare = 0.5, PeakBandShare = 0.5, LessonShare = 0.4 },
        ExtraActivationKibPerActiveUser = extraKib,
        Operations =
        [
            new Operation { Name = "write", PerActiveUserPerMinute = 6, Costs = [new CostComponent { Scenario = "update" }] },
            new Operation { Name = "read", PerActiveUserPerMinute = 60, Costs = [new CostComponent { Scenario = "gateway-read" }] },
        ],
        Silo = new SiloShape { Vcpus = 4, MemoryGib = 16, ActivationMemoryShare = 0.5, Headroom = 0.25 },
        Gateway = new GatewayShape { Vcpus = 2, Headroom = 0.25 },
        Database = new DatabaseShape
        {
            NodeVcpus = nodeVcpus,
            ReplicationFactor = replicationFactor,
            SqlCpuFactor = 2,
            FollowerWriteShare = 0.5,
            DiskWriteAmplification = 4,
            DiskWriteMiBPerSecondPerNode = diskMiB,
            Headroom = 0.25,
        },
    };

    private static readonly Dictionary<string, OperationCost> Costs = new() { ["write"] = Write, ["read"] = Read };

    [Fact]
    public void Active_users_are_users_times_the_three_peak_shares()
    {
        Assert.Equal(100_000, CapacityModel.ActiveUsers(Workload(), 1_000_000), 6);
        Assert.Equal(2_000_000, CapacityModel.UsersAtWeek(Workload(), 10));
    }

    [Fact]
    public void Demand_is_each_operations_rate_times_its_cost()
    {
        var estimate = CapacityModel.Size(Workload(), Costs, 1_000_000, bytesPerStudentActivation: 3_000);

        // 100,000 active: writes 6/min -> 10,000/s; reads 60/min -> 100,000/s.
        Assert.Equal(10_000, estimate.OperationsPerSecond["write"], 6);
        Assert.Equal(100_000, estimate.OperationsPerSecond["read"], 6);
        Assert.Equal(20, estimate.Demand.SiloCpuSeconds, 6); // 10 + 10 busy vCPUs
        Assert.Equal(25, estimate.Demand.GatewayCpuSeconds, 6); // 5 + 20
        Assert.Equal(20, estimate.Demand.DatabaseWriteCpuSeconds, 6);
        Assert.Equal(5, estimate.Demand.DatabaseReadCpuSeconds, 6);
        Assert.Equal(10_000_000, estimate.Demand.WalBytes, 3);
    }

    [Fact]
    public void Silos_and_gateways_are_busy_vcpus_with_headroom_over_their_size_rounded_up()
    {
        var estimate = CapacityModel.Size(Workload(), Costs, 1_000_000, bytesPerStudentActivation: 3_000);

        Assert.Equal(7, estimate.SilosForCpu); // 20 x 1.25 / 4 = 6.25
        Assert.Equal(1, estimate.SilosForMemory); // 100,000 x (3,000 + 1,024) B x 1.25 = 0.5 GB of 8 GiB
        Assert.Equal(7, estimate.Silos);
        Assert.Equal("CPU", estimate.SiloBound);
        Assert.Equal(16, estimate.Gateways); // 25 x 1.25 / 2 = 15.6
    }

    [Fact]
    public void CockroachDB_cpu_doubles_every_statement_and_adds_the_followers_share_of_each_write()
    {
        var estimate = CapacityModel.Size(Workload(), Costs, 1_000_000, bytesPerStudentActivation: 3_000);

        // reads 5 x 2 = 10; writes 20 x 2 x (1 + 0.5 x 2) = 80
        Assert.Equal(90, estimate.CockroachCpuSeconds, 6);
        Assert.Equal(112.5, estimate.CockroachVcpus, 6);
        Assert.Equal(31.25, estimate.PostgresVcpus, 6); // the measured 25, uncorrected, with headroom
        Assert.Equal(8, estimate.CockroachNodesForCpu); // 112.5 / 16 = 7.03
        Assert.Equal(120_000_000, estimate.DiskBytesPerSecond, 3); // 10 MB/s of WAL x 3 replicas x 4
        Assert.Equal(1, estimate.CockroachNodesForDisk); // 150 MB/s with headroom of 250 MiB/s a node
        Assert.Equal(8, estimate.CockroachNodes);
        Assert.Equal("CPU", estimate.DatabaseBound);
    }

    [Fact]
    public void Slow_disks_make_disk_writes_the_database_bound()
    {
        var estimate = CapacityModel.Size(Workload(diskMiB: 10), Costs, 1_000_000, bytesPerStudentActivation: 3_000);

        Assert.Equal(15, estimate.CockroachNodesForDisk); // 150,000,000 / 10,485,760 = 14.3
        Assert.Equal(15, estimate.CockroachNodes);
        Assert.Equal("disk writes", estimate.DatabaseBound);
    }

    [Fact]
    public void Large_activations_make_memory_the_silo_bound()
    {
        // 100,000 x (3,000 B + 1 MiB) x 1.25 = 131 GB over 8 GiB a silo
        var estimate = CapacityModel.Size(Workload(extraKib: 1024), Costs, 1_000_000, bytesPerStudentActivation: 3_000);

        Assert.Equal(16, estimate.SilosForMemory);
        Assert.Equal(16, estimate.Silos);
        Assert.Equal("memory", estimate.SiloBound);
    }

    [Fact]
    public void A_small_load_still_gets_one_node_per_replica()
    {
        var estimate = CapacityModel.Size(Workload(nodeVcpus: 1000), Costs, 1_000_000, bytesPerStudentActivation: 3_000);

        Assert.Equal(1, estimate.CockroachNodesForCpu);
        Assert.Equal(3, estimate.CockroachNodes);
        Assert.Equal("replication minimum", estimate.DatabaseBound);
    }

    [Fact]
    public void Everything_grows_in_proportion_to_users()
    {
        var today = CapacityModel.Size(Workload(), Costs, 1_000_000, 3_000);
        var doubled = CapacityModel.Size(Workload(), Costs, 2_000_000, 3_000);

        Assert.Equal(2 * today.Demand.SiloCpuSeconds, doubled.Demand.SiloCpuSeconds, 6);
        Assert.Equal(2 * today.CockroachCpuSeconds, doubled.CockroachCpuSeconds, 6);
        Assert.Equal(2 * today.DiskBytesPerSecond, doubled.DiskBytesPerSecond, 3);
    }
}
