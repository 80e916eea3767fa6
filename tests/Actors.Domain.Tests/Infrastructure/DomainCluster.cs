using Actors.Grains.Classes;
using Actors.Grains.Documents;
using Actors.Grains.Hosting;
using Actors.Grains.Schools;
using Actors.Grains.Students;
using Actors.Persistence.CockroachDb.Hosting;
using Actors.Silo.Hosting;
using Actors.Testing;
using Actors.Testing.Callers;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.Hosting;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Actors.Domain.Tests.Infrastructure;

/// <summary>
/// One in-process silo (default test membership) whose "actors" storage is our CockroachDB provider on a fresh
/// PostgreSQL database, shared by every test in the <see cref="DomainCollection"/>: a cluster costs seconds to
/// start, so tests share it and keep apart by using fresh grain ids.
/// </summary>
public class DomainCluster : IAsyncLifetime
{
    /// <summary>Buffered page views that make a student write before its timer does, in the test silo.</summary>
    public const int MaxBufferedPageViews = 100;

    private const string DatabaseStorage = "actors-db";

    /// <summary>
    /// A cluster whose students flush buffered page views every 2 s and whose classes retry unfinished work in the
    /// background every 5 min (so a test's retried call, not the timer, finishes it).
    /// </summary>
    public DomainCluster()
        : this(TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(5))
    {
    }

    protected DomainCluster(TimeSpan pageViewFlushInterval, TimeSpan reconcileRetryInterval)
    {
        PageViewFlushInterval = pageViewFlushInterval;
        ReconcileRetryInterval = reconcileRetryInterval;
    }

    /// <summary>How often students flush buffered page views in the test silo.</summary>
    public TimeSpan PageViewFlushInterval { get; }

    /// <summary>How often classes retry unfinished work in the background in the test silo.</summary>
    public TimeSpan ReconcileRetryInterval { get; }

    /// <summary>
    /// How long documents trust a class's word and how often watches re-check access, in this silo: long, so that
    /// whatever a test sees happen within seconds was caused by a signal, not by the periodic re-check
    /// (<see cref="ShortRecheckCluster"/> tests that one).
    /// </summary>
    protected virtual TimeSpan AccessRecheckInterval => TimeSpan.FromMinutes(5);

    /// <summary>How often students append buffered audit events, in this silo (the production default).</summary>
    protected virtual TimeSpan AuditFlushInterval => TimeSpan.FromSeconds(1);

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public PostgresDatabase Database { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    /// <summary>What the silo's storage did.</summary>
    public StorageProbe Storage => Cluster.Silos[0].ServiceProvider.GetRequiredService<StorageProbe>();

    /// <summary>Calls that have entered grain methods in the silo.</summary>
    public GrainCallCounter Calls => Cluster.Silos[0].ServiceProvider.GetRequiredService<GrainCallCounter>();

    /// <summary>Drops chosen calls in the silo, as lost messages.</summary>
    public GrainCallBlocker Blocker => Cluster.Silos[0].ServiceProvider.GetRequiredService<GrainCallBlocker>();

    /// <summary>The service id rows are stored under.</summary>
    public string ServiceId => Cluster.Options.ServiceId;

    public async Task InitializeAsync()
    {
        Database = await PostgresServer.CreateDatabaseAsync("actors_domain");
        var connectionString = Database.ConnectionString; // captured by the configuration below: no static state
        var (pageViewFlushInterval, reconcileRetryInterval) = (PageViewFlushInterval, ReconcileRetryInterval);
        var recheck = AccessRecheckInterval;
        var auditFlush = AuditFlushInterval;
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) =>
        {
            // As the silo stores state: a document's annotations one row per item (GrainStateLayout).
            silo.AddCockroachGrainStorage(DatabaseStorage, o => o.StoreLargeCollectionsPerItem().ConnectionString = connectionString);
            silo.AddActorsGrains();
            silo.AddTestCallerVerification();
            silo.AddCockroachAuditTrail(o => o.ConnectionString = connectionString);
            silo.Services.AddSingleton<StorageProbe>();
            var calls = new GrainCallCounter();
            silo.Services.AddSingleton(calls);
            silo.AddIncomingGrainCallFilter(calls);
            var blocker = new GrainCallBlocker();
            silo.Services.AddSingleton(blocker);
            silo.AddIncomingGrainCallFilter(blocker);
            silo.Services.AddGrainStorage("actors", static (services, _) => new ProbedGrainStorage(
                services.GetRequiredKeyedService<IGrainStorage>(DatabaseStorage),
                services.GetRequiredService<StorageProbe>()));
            silo.Services.Configure<StudentGrainOptions>(o =>
            {
                o.PageViewFlushInterval = pageViewFlushInterval;
                o.MaxBufferedPageViews = MaxBufferedPageViews;
                o.AuditFlushInterval = auditFlush;
            });
            silo.Services.Configure<ClassGrainOptions>(o => o.ReconcileRetryInterval = reconcileRetryInterval);
            silo.Services.Configure<SchoolGrainOptions>(o => o.ReconcileRetryInterval = TimeSpan.FromMinutes(5));
            silo.Services.Configure<DocumentGrainOptions>(o => o.AccessRecheckInterval = recheck);
        });
        builder.ConfigureClient(client => client.AddTestCallerTokens());
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }

        if (Database is not null)
        {
            await Database.DisposeAsync();
        }
    }

    public T Grain<T>(string key)
        where T : IGrainWithStringKey
        => Client.GetGrain<T>(key);

    /// <summary>Deactivates the grain and waits until it is gone: the next call reads its state from the database.</summary>
    public Task DeactivateAsync(IAddressable grain) => Cluster.DeactivateAsync(grain);

    /// <summary>Completed storage writes of <paramref name="grain"/>.</summary>
    public int WritesOf(IAddressable grain) => Storage.WritesOf(grain.GetGrainId());

    /// <summary>Every grain row of school <paramref name="schoolId"/> (its school grain and its school-scoped grains) with its version, straight from the table: "nothing moved" checks compare this.</summary>
    public async Task<string?> VersionsOfSchoolAsync(string schoolId)
        => (string?)await Database.ScalarAsync(
            "SELECT string_agg(grain_type || ' ' || grain_key || ' ' || version, ', ' ORDER BY grain_type, grain_key) FROM orleans_grain_state WHERE service_id = $1 AND (grain_key = $2 OR grain_key LIKE $3)",
            ServiceId, schoolId, schoolId + "/%");

    /// <summary>The stored JSON of a grain's state, straight from the table (null if there is no row).</summary>
    public async Task<string?> StoredJsonAsync(string grainType, string key, string stateName)
        => (string?)await Database.ScalarAsync(
            "SELECT state::text FROM orleans_grain_state WHERE service_id = $1 AND grain_type = $2 AND grain_key = $3 AND state_name = $4",
            ServiceId, grainType, key, stateName);
}

/// <summary>
/// A <see cref="DomainCluster"/> whose students' page-view timer does not fire within a test (it is due after an hour):
/// for tests that must know what wrote the views (a threshold, a deactivation, another change), not the timer.
/// </summary>
public sealed class TimerlessDomainCluster : DomainCluster
{
    public TimerlessDomainCluster()
        : base(TimeSpan.FromHours(1), TimeSpan.FromMinutes(5))
    {
    }
}

/// <summary>
/// A <see cref="DomainCluster"/> whose classes retry unfinished work every second: for tests of what the background
/// retry does by itself.
/// </summary>
public sealed class FastRetryDomainCluster : DomainCluster
{
    public FastRetryDomainCluster()
        : base(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1))
    {
    }
}

/// <summary>The tests that share one <see cref="FastRetryDomainCluster"/>.</summary>
[CollectionDefinition(Name)]
public sealed class FastRetryDomainCollection : ICollectionFixture<FastRetryDomainCluster>
{
    public const string Name = "domain cluster with fast background retries";
}

/// <summary>The tests that share one <see cref="TimerlessDomainCluster"/>.</summary>
[CollectionDefinition(Name)]
public sealed class TimerlessDomainCollection : ICollectionFixture<TimerlessDomainCluster>
{
    public const string Name = "domain cluster without page-view timer";
}

/// <summary>The tests that share one <see cref="DomainCluster"/> (they run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class DomainCollection : ICollectionFixture<DomainCluster>
{
    public const string Name = "domain cluster";
}

/// <summary>A <see cref="DomainCluster"/> whose documents re-check access every second: for tests of the periodic re-check.</summary>
public sealed class ShortRecheckCluster : DomainCluster
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    protected override TimeSpan AccessRecheckInterval => Interval;
}

/// <summary>A <see cref="DomainCluster"/> whose students append audit events only on deactivation or when asked (their timer is 10 minutes).</summary>
public sealed class LongAuditFlushCluster : DomainCluster
{
    protected override TimeSpan AuditFlushInterval => TimeSpan.FromMinutes(10);
}

/// <summary>The tests that share one <see cref="ShortRecheckCluster"/>.</summary>
[CollectionDefinition(Name)]
public sealed class ShortRecheckCollection : ICollectionFixture<ShortRecheckCluster>
{
    public const string Name = "domain cluster with a short access re-check";
}
