using System.Diagnostics;
using Actors.Benchmarks.Hosting;
using Actors.Benchmarks.Measurement;

namespace Actors.Benchmarks.Running;

/// <summary>
/// What the scenarios of one run share: the sizes, the database server, one silo per provider (started on first
/// use and kept for the run), the measurement of a round, and the rows so far.
/// </summary>
internal sealed class BenchRun(BenchOptions options, BenchDatabaseServer database, TextWriter log, CancellationToken stopping = default) : IAsyncDisposable
{
    private readonly Dictionary<string, Task<BenchSilo>> _silos = [];
    private readonly List<ResultRow> _rows = [];

    public BenchSizes Sizes { get; } = options.Sizes;

    public BenchDatabaseServer Database { get; } = database;

    /// <summary>Where the memory scenario writes a heap dump; none if null (see <see cref="BenchOptions.HeapDumpPath"/>).</summary>
    public string? HeapDumpPath => options.HeapDumpPath;

    /// <summary>Progress lines (stderr when run from the command line).</summary>
    public TextWriter Log { get; } = log;

    public IReadOnlyList<ResultRow> Rows => _rows;

    /// <summary>The run's silo for <paramref name="provider"/>, started on first use.</summary>
    public Task<BenchSilo> SiloAsync(StorageProvider provider)
    {
        if (!_silos.TryGetValue(provider.Name, out var silo))
        {
            Log.WriteLine($"  starting a silo on {provider.Name}");
            _silos[provider.Name] = silo = BenchSilo.StartAsync(Database, provider, "shared");
        }

        return silo;
    }

    /// <summary>
    /// Times <paramref name="body"/> as one round: wall time, latencies and failures it records, and the CPU (this
    /// process, the database server) and WAL used meanwhile.
    /// </summary>
    /// <exception cref="OperationCanceledException">The run is being stopped (checked before each round).</exception>
    public async Task<Sample> MeasureAsync(Func<Latencies, Task> body)
    {
        stopping.ThrowIfCancellationRequested();

        // The process's CPU is read closest to the round on both sides, so that reading the database's counters
        // (a scan of /proc and a query) is not counted as the silo's.
        var latencies = new Latencies();
        var databaseBefore = await Database.SampleAsync();

        // Every round starts on a collected heap. The providers' silos share this process, and the stock provider's
        // setup leaves hundreds of MB of garbage (it rewrites a whole document per add while filling one): collected
        // during the next provider's round, it was counted as that provider's CPU and latency (an add to a document
        // of 9,997 comments: 3.4 ms and 3.5 ms of CPU in a full run, 1.5 ms and 1.8 ms run alone). Collected after
        // the database's counters are read, whose /proc scan allocates (a sixth of the process's allocations in a
        // hot-document run) and would otherwise be collected on the round's time.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var before = new ResourceReading(Environment.CpuUsage.TotalTime, databaseBefore.Cpu, databaseBefore.WalPosition, StorageRetries.Count);
        var clock = Stopwatch.StartNew();
        await body(latencies);
        var elapsed = clock.Elapsed;
        var cpuAfter = Environment.CpuUsage.TotalTime;
        var retriesAfter = StorageRetries.Count;
        var databaseAfter = await Database.SampleAsync();
        return Sample.Of(latencies, elapsed, before, new ResourceReading(cpuAfter, databaseAfter.Cpu, databaseAfter.WalPosition, retriesAfter));
    }

    /// <summary>Adds a row and logs it.</summary>
    public void Add(ResultRow row)
    {
        _rows.Add(row);
        Log.WriteLine($"  {row.Scenario} {row.Provider} x{row.Concurrency}{(row.Annotations is { } n ? $" at {n} {row.Body}" : "")}: "
            + $"{row.OpsPerSec:0.#} ops/s, p50 {row.P50Ms:0.##} ms, p99 {row.P99Ms:0.##} ms, {row.Failed} failed, {row.Retries} retries{(row.FirstError is { } e ? $" ({e})" : "")}");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in _silos.Values.Where(s => s.IsCompletedSuccessfully))
        {
            await silo.Result.DisposeAsync();
        }
    }
}
