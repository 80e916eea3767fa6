using Actors.Benchmarks.Capacity;
using Actors.Benchmarks.Running;

namespace Actors.Benchmarks.Tests;

public class CostTableTests
{
    private static ResultRow Row(string scenario, string provider, int concurrency, double cpu, double? db = 1, double? wal = 1000, int? annotations = null, string? body = null) => new()
    {
        Scenario = scenario,
        Provider = provider,
        Concurrency = concurrency,
        OpsPerSec = 1000,
        P50Ms = 1,
        P99Ms = 2,
        CpuSecondsPer1k = cpu,
        DatabaseCpuSecondsPer1k = db,
        WalBytesPerOp = wal,
        Ops = 1000,
        Failed = 0,
        Rounds = 3,
        Annotations = annotations,
        Body = body,
    };

    private static readonly ResultRow[] Rows =
    [
        Row("update", "actors", 8, cpu: 0.5, db: 2, wal: 1200),
        Row("update", "actors", 64, cpu: 0.4, db: 1.5, wal: 1100),
        Row("update", "adonet", 64, cpu: 0.9, db: 3, wal: 1300),
        Row("cold-read", "actors", 64, cpu: 0.3, db: 0.2, wal: 0),
        Row("gateway-echo", "none", 64, cpu: 0.2, db: 0, wal: 0),
        Row("gateway-read", "actors", 64, cpu: 0.5, db: 0, wal: 0),
        Row("gateway-write", "actors", 64, cpu: 0.15, db: 1, wal: 500),
        Row("growth", "actors", 1, cpu: 2, db: 1, wal: 1_000, annotations: 0, body: "ink"),
        Row("growth", "actors", 1, cpu: 12, db: 101, wal: 1_001_000, annotations: 1000, body: "ink"),
        Row("growth", "actors", 1, cpu: 2, db: 1, wal: 500, annotations: 0, body: "comment"),
    ];

    private static readonly CostTable Table = new(Rows, "actors");

    [Fact]
    public void A_storage_row_is_all_silo_cpu_and_a_write_when_the_scenario_writes()
    {
        var cost = Table.Of(new CostComponent { Scenario = "update", Concurrency = 64 });

        Assert.Equal(new OperationCost(0.0004, 0, 0, 0.0015, 1100), cost);
        Assert.Equal(new OperationCost(0.0003, 0, 0.0002, 0, 0), Table.Of(new CostComponent { Scenario = "cold-read" }));
    }

    [Fact]
    public void Gateway_rows_put_the_echos_cpu_in_the_gateway_and_the_rest_in_the_silo()
    {
        Assert.Equal(new OperationCost(0, 0.0002, 0, 0, 0), Table.Of(new CostComponent { Scenario = "gateway-echo" }));
        var read = Table.Of(new CostComponent { Scenario = "gateway-read" });
        Assert.Equal(0.0003, read.SiloCpuSeconds, 12);
        Assert.Equal(0.0002, read.GatewayCpuSeconds, 12);

        // Cheaper than the echo (noise): nothing is left for the silo, never a negative share.
        var write = Table.Of(new CostComponent { Scenario = "gateway-write" });
        Assert.Equal(0, write.SiloCpuSeconds);
        Assert.Equal(0.00015, write.GatewayCpuSeconds, 12);
        Assert.Equal(0.001, write.DatabaseWriteCpuSeconds, 12);
    }

    [Fact]
    public void A_growth_size_between_two_measured_sizes_is_interpolated_linearly()
    {
        var cost = Table.Of(new CostComponent { Scenario = "growth", Body = "ink", Annotations = 250 });

        Assert.Equal(0.0045, cost.SiloCpuSeconds, 12); // 2 + 0.25 x (12 - 2) ms
        Assert.Equal(0.026, cost.DatabaseWriteCpuSeconds, 12); // 1 + 0.25 x 100 ms
        Assert.Equal(251_000, cost.WalBytes, 6);
        Assert.Equal(1_001_000, Table.Of(new CostComponent { Scenario = "growth", Body = "ink", Annotations = 1000 }).WalBytes);
    }

    [Fact]
    public void An_operation_is_its_components_times_their_counts()
    {
        var operation = new Operation
        {
            Name = "add on a 100-stroke document",
            PerActiveUserPerMinute = 1,
            Costs =
            [
                new CostComponent { Scenario = "gateway-write" },
                new CostComponent { Scenario = "growth", Body = "ink", Annotations = 100 },
                new CostComponent { Scenario = "growth", Body = "ink", Annotations = 0, Times = -1 },
            ],
        };

        var cost = Table.Of(operation);

        Assert.Equal(0.001 + 0.01, cost.DatabaseWriteCpuSeconds, 12); // the write, plus 100 strokes' worth
        Assert.Equal(500 + 100_000, cost.WalBytes, 6);
    }

    [Theory]
    [InlineData("update", null, "2 rows match")]
    [InlineData("first-write", null, "No row")]
    [InlineData("update", 256, "No row")]
    public void A_component_must_name_exactly_one_row(string scenario, int? concurrency, string message)
    {
        var error = Assert.Throws<InvalidDataException>(() => Table.Of(new CostComponent { Scenario = scenario, Concurrency = concurrency }));

        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Sizes_outside_the_measured_ones_are_not_extrapolated()
    {
        var error = Assert.Throws<InvalidDataException>(() => Table.Of(new CostComponent { Scenario = "growth", Body = "ink", Annotations = 5000 }));

        Assert.Contains("no extrapolation", error.Message);
    }

    [Fact]
    public void Rows_without_database_figures_cannot_be_costed()
    {
        var table = new CostTable([Row("cold-read", "actors", 64, cpu: 0.3, db: null, wal: null)], "actors");

        var error = Assert.Throws<InvalidDataException>(() => table.Of(new CostComponent { Scenario = "cold-read" }));

        Assert.Contains("db_cpu_s_per_1k", error.Message);
    }
}
