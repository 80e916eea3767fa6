namespace Actors.Benchmarks.Capacity;

/// <summary>
/// What one operation costs, by tier: CPU seconds in the silos, in the gateways, and in the database (reads and
/// writes apart, since only writes are replicated), and bytes of database WAL.
/// </summary>
internal sealed record OperationCost(double SiloCpuSeconds, double GatewayCpuSeconds, double DatabaseReadCpuSeconds, double DatabaseWriteCpuSeconds, double WalBytes)
{
    public static OperationCost Zero { get; } = new(0, 0, 0, 0, 0);

    public double DatabaseCpuSeconds => DatabaseReadCpuSeconds + DatabaseWriteCpuSeconds;

    public static OperationCost operator +(OperationCost a, OperationCost b) => new(
        a.SiloCpuSeconds + b.SiloCpuSeconds,
        a.GatewayCpuSeconds + b.GatewayCpuSeconds,
        a.DatabaseReadCpuSeconds + b.DatabaseReadCpuSeconds,
        a.DatabaseWriteCpuSeconds + b.DatabaseWriteCpuSeconds,
        a.WalBytes + b.WalBytes);

    public static OperationCost operator *(OperationCost a, double factor) => new(
        a.SiloCpuSeconds * factor,
        a.GatewayCpuSeconds * factor,
        a.DatabaseReadCpuSeconds * factor,
        a.DatabaseWriteCpuSeconds * factor,
        a.WalBytes * factor);
}
