using Actors.Benchmarks.Running;

namespace Actors.Benchmarks.Capacity;

/// <summary>
/// Per-operation costs taken from a run's rows. A row's process CPU is split by tier: an echo through the gateway is
/// all gateway; a gateway read or write is the echo's CPU in the gateway and the rest in the silo (the benchmark runs
/// gateway, silo and the load's client in one process, so both shares are upper bounds); every other row is silo.
/// Database CPU counts as a write's where the scenario writes, a read's elsewhere.
/// </summary>
internal sealed class CostTable(IReadOnlyList<ResultRow> rows, string provider)
{
    /// <summary>The row scenarios whose operations write (their database work is replicated on CockroachDB).</summary>
    public static IReadOnlySet<string> WritingScenarios { get; } = new HashSet<string> { "first-write", "update", "hot-document", "growth", "student-growth", "gateway-write" };

    /// <summary>The provider whose rows are used (components may name another, e.g. the echo's <c>none</c>).</summary>
    public string Provider { get; } = provider;

    /// <summary>The cost of one <paramref name="operation"/>: its components summed.</summary>
    /// <exception cref="InvalidDataException">A component names no row, or several, or a row lacks a figure.</exception>
    public OperationCost Of(Operation operation)
        => operation.Costs.Aggregate(OperationCost.Zero, (sum, component) => sum + (Of(component) * component.Times));

    /// <summary>The cost of one run of <paramref name="component"/>'s row.</summary>
    /// <exception cref="InvalidDataException">No row, or several, match; or the row lacks a figure.</exception>
    public OperationCost Of(CostComponent component)
    {
        var candidates = rows.Where(r => r.Scenario == component.Scenario
            && r.Provider == (component.Provider ?? DefaultProvider(component.Scenario))
            && (component.Concurrency is null || r.Concurrency == component.Concurrency)
            && (component.Body is null || r.Body == component.Body)).ToList();
        if (component.Annotations is { } size)
        {
            return Interpolate(component, candidates.Where(r => r.Annotations is not null).OrderBy(r => r.Annotations).ToList(), size);
        }

        return candidates.Count switch
        {
            1 => Cost(candidates[0]),
            0 => throw new InvalidDataException($"No row for {Describe(component)} in the results."),
            _ => throw new InvalidDataException($"{candidates.Count} rows match {Describe(component)}; name its concurrency (or body and annotations)."),
        };
    }

    private OperationCost Interpolate(CostComponent component, IReadOnlyList<ResultRow> sized, int size)
    {
        var below = sized.LastOrDefault(r => r.Annotations <= size);
        var above = sized.FirstOrDefault(r => r.Annotations >= size);
        if (below is null || above is null)
        {
            throw new InvalidDataException(
                $"{Describe(component)}: the results hold sizes {string.Join(", ", sized.Select(r => r.Annotations))}; {size} is not between two of them (no extrapolation).");
        }

        if (below.Annotations == above.Annotations)
        {
            return Cost(below);
        }

        var weight = (double)(size - below.Annotations!.Value) / (above.Annotations!.Value - below.Annotations.Value);
        return (Cost(below) * (1 - weight)) + (Cost(above) * weight);
    }

    private OperationCost Cost(ResultRow row)
    {
        var cpu = Required(row.CpuSecondsPer1k, row, "cpu_s_per_1k") / 1000;
        var database = Required(row.DatabaseCpuSecondsPer1k, row, "db_cpu_s_per_1k") / 1000;
        var wal = Required(row.WalBytesPerOp, row, "wal_bytes_per_op");
        var (silo, gateway) = row.Scenario switch
        {
            "gateway-echo" => (0.0, cpu),
            _ when row.Scenario.StartsWith("gateway-", StringComparison.Ordinal) => Split(cpu, EchoCpu(row)),
            _ => (cpu, 0.0),
        };
        var writes = WritingScenarios.Contains(row.Scenario);
        return new OperationCost(silo, gateway, writes ? 0 : database, writes ? database : 0, wal);
    }

    private static (double Silo, double Gateway) Split(double cpu, double echo) => (Math.Max(0, cpu - echo), Math.Min(cpu, echo));

    private double EchoCpu(ResultRow gatewayRow)
    {
        var echo = rows.FirstOrDefault(r => r.Scenario == "gateway-echo" && r.Concurrency == gatewayRow.Concurrency)
            ?? throw new InvalidDataException($"The results have {gatewayRow.Scenario} but no gateway-echo at concurrency {gatewayRow.Concurrency} to split its CPU by.");
        return Required(echo.CpuSecondsPer1k, echo, "cpu_s_per_1k") / 1000;
    }

    private static double Required(double? value, ResultRow row, string field)
        => value ?? throw new InvalidDataException(
            $"The {row.Scenario} row of {row.Provider} has no {field} (database figures need a run on a server of its own, without --database).");

    private string DefaultProvider(string scenario) => scenario == "gateway-echo" ? "none" : Provider;

    private string Describe(CostComponent c)
        => $"scenario {c.Scenario}, provider {c.Provider ?? DefaultProvider(c.Scenario)}"
           + (c.Concurrency is { } n ? $", concurrency {n}" : "")
           + (c.Body is { } b ? $", body {b}" : "")
           + (c.Annotations is { } a ? $", {a} annotations" : "");
}
