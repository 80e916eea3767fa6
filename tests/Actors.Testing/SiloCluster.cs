using System.Diagnostics;

namespace Actors.Testing;

/// <summary>
/// Silo processes (<see cref="SiloProcess"/>) forming one cluster in a database of their own. Disposing it kills every
/// process still running and drops the database, whatever state the test left them in.
/// </summary>
public sealed class SiloCluster : IAsyncDisposable
{
    private readonly List<SiloProcess> _silos = [];
    private readonly Dictionary<string, string?> _environment;

    private SiloCluster(PostgresDatabase database, string clusterId, Dictionary<string, string?> environment, bool ownsDatabase)
    {
        Database = database;
        ClusterId = clusterId;
        _environment = environment;
        OwnsDatabase = ownsDatabase;
    }

    public PostgresDatabase Database { get; }

    public string ClusterId { get; }

    /// <summary>Every silo started, in order, running or not.</summary>
    public IReadOnlyList<SiloProcess> Silos => _silos;

    /// <summary>Connection string the silos use (it may differ from <see cref="Database"/>'s, e.g. in its timeouts).</summary>
    public string ConnectionString => _environment["ConnectionStrings__Actors"]!;

    private bool OwnsDatabase { get; }

    /// <summary>
    /// Starts <paramref name="count"/> silos on <paramref name="database"/> (dropped on dispose when
    /// <paramref name="ownsDatabase"/>) and waits until all are Active. <paramref name="environment"/> is added to every
    /// silo's (e.g. membership settings); <paramref name="connectionString"/> overrides the database's own.
    /// </summary>
    public static async Task<SiloCluster> StartAsync(
        PostgresDatabase database, int count, IReadOnlyDictionary<string, string?>? environment = null, TimeSpan? timeout = null,
        string? connectionString = null, bool ownsDatabase = true)
    {
        var clusterId = $"cluster-{Guid.NewGuid():N}"[..20];
        var all = new Dictionary<string, string?>(environment ?? new Dictionary<string, string?>())
        {
            ["ConnectionStrings__Actors"] = connectionString ?? database.ConnectionString,
            ["Orleans__ClusterId"] = clusterId,
        };
        var cluster = new SiloCluster(database, clusterId, all, ownsDatabase);
        try
        {
            for (var i = 1; i <= count; i++)
            {
                cluster.Start($"silo-{i}");
            }

            await cluster.WaitForActiveAsync(count, timeout ?? TimeSpan.FromSeconds(60));
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Starts one more silo in the cluster (it is not waited for), with <paramref name="overrides"/> on top of the
    /// cluster's environment, in <paramref name="network"/> if given (a host of its own).
    /// </summary>
    public SiloProcess Start(string name, IReadOnlyDictionary<string, string?>? overrides = null, NetworkNamespace? network = null)
    {
        var environment = new Dictionary<string, string?>(_environment);
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            environment[key] = value;
        }

        var silo = SiloProcess.Start(name, environment, network: network);
        _silos.Add(silo);
        return silo;
    }

    /// <summary>
    /// Waits until <paramref name="count"/> silos are Active in the membership table and every running silo serves HTTP
    /// (the web server starts once the silo has joined).
    /// </summary>
    public async Task WaitForActiveAsync(int count, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        await MembershipRow.WaitAsync(Database, ClusterId, rows => rows.Count(r => r.Status == MembershipRow.Active) == count, timeout, $"{count} Active silos");
        foreach (var silo in _silos.Where(s => !s.HasExited))
        {
            await Poll.UntilAsync(() => silo.GetAsync("/health/live"), r => r.Status == 200, timeout - clock.Elapsed, $"{silo.Name} serving HTTP");
        }
    }

    /// <summary>
    /// Waits until every Active silo has published its heartbeat <paramref name="seconds"/> times (one per second with
    /// <c>IAmAliveTablePublishTimeout</c> 1 s): probing between silos only reaches its steady rate after a few rounds, and
    /// a silo killed before that is detected late.
    /// </summary>
    public async Task SettleAsync(double seconds, TimeSpan timeout)
    {
        var rows = await MembershipRow.ReadAsync(Database, ClusterId);
        var settled = rows.Where(r => r.Status == MembershipRow.Active).Max(r => r.IAmAliveTime).AddSeconds(seconds);
        await MembershipRow.WaitAsync(Database, ClusterId, r => r.Where(x => x.Status == MembershipRow.Active).All(x => x.IAmAliveTime >= settled), timeout, $"{seconds} s of heartbeats");
    }

    /// <summary>Waits until the membership table records <paramref name="silo"/> as Dead (by its own goodbye or the others' votes).</summary>
    public Task<IReadOnlyList<MembershipRow>> WaitForDeadAsync(SiloProcess silo, TimeSpan timeout)
        => MembershipRow.WaitAsync(Database, ClusterId, rows => rows.Any(r => r.SiloName == silo.Name && r.Status == MembershipRow.Dead), timeout, $"{silo.Name} declared Dead");

    /// <summary>The membership row of <paramref name="silo"/>'s current incarnation.</summary>
    public async Task<MembershipRow> RowOfAsync(SiloProcess silo)
        => (await MembershipRow.ReadAsync(Database, ClusterId)).Where(r => r.SiloName == silo.Name).MaxBy(r => r.Generation)
           ?? throw new InvalidOperationException($"{silo.Name} has no membership row");

    /// <summary>Every silo's output, for a failed test's report.</summary>
    public string DescribeOutputs()
        => string.Join(Environment.NewLine, _silos.Select(s => $"--- {s.Name} (pid {s.ProcessId}, {(s.HasExited ? $"exited {s.ExitCode}" : "running")}) ---{Environment.NewLine}{s.Tail(200)}"));

    public async ValueTask DisposeAsync()
    {
        var started = Stopwatch.StartNew();
        foreach (var silo in _silos)
        {
            await silo.DisposeAsync();
        }

        if (OwnsDatabase)
        {
            await Database.DisposeAsync();
        }

        Debug.WriteLine($"cluster {ClusterId} cleaned up in {started.Elapsed.TotalSeconds:0.0} s");
    }
}
