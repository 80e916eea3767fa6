using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Actors.Api.V1;
using Actors.Gateway.Tests.Infrastructure;
using Actors.Testing;
using Actors.Testing.Cluster;
using Grpc.Core;
using Orleans;
using Orleans.Runtime;
using Xunit.Abstractions;
using IDocumentGrain = Actors.Contracts.Documents.IDocumentGrain;

namespace Actors.Gateway.Tests.Resilience;

/// <summary>
/// Two silos, a gateway, and a stream of calls through it while the silo holding the watched document is killed:
/// idempotent calls ride it out through the gateway's retries, and the annotation watch resumes without losing or
/// repeating an event.
/// </summary>
/// <remarks>
/// The number of retries is reported, not asserted. <c>TestCluster.KillSiloAsync</c> on an in-process silo is a host
/// stop with a cancelled token, not a crash: the silo still starts deactivating every activation, and one that finishes
/// before the silo's messaging stops hands its queued calls to a new activation on the survivor, so those calls never
/// fail. Which calls lose that race depends on placement (the busy students may all be on the survivor) and on how fast
/// each grain deactivates, so a run in which no call is retried is a correct run. The test asserts instead that the
/// document itself moved while annotations went on. Waiting for <see cref="HostOf"/> may take the full response timeout
/// (about 5 s): the management grain that answers it may have been on the victim, and annotations keep being
/// acknowledged meanwhile (hundreds, not a sign that the victim still serves: the document is on the survivor by then).
/// </remarks>
public sealed class SiloLossTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private MembershipCluster _cluster = null!;
    private GatewayHost _gateway = null!;

    public async Task InitializeAsync()
    {
        _cluster = await MembershipCluster.StartAsync(silos: 2, databasePrefix: "gateway_loss");
        _gateway = await GatewayHost.StartAsync(_cluster);
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task Idempotent_calls_and_a_watch_survive_the_kill_of_a_silo()
    {
        var (teacher, student) = (await _gateway.Channel.RosterAsync(User.Teacher()), await _gateway.Channel.RosterAsync(User.Student()));
        var busy = new List<User>();
        for (var w = 0; w < 4; w++)
        {
            busy.Add(await _gateway.Channel.RosterAsync(User.Student($"busy{w}")));
        }

        var students = new StudentService.StudentServiceClient(_gateway.Channel);
        var documents = new DocumentService.DocumentServiceClient(_gateway.Channel);
        var docId = TestIds.New("doc");
        await documents.CreateDocumentAsync(new() { DocumentId = docId, Title = "Live", PageCount = 1, ContentRef = "s3://docs/live.pdf" }, teacher.Call);
        await documents.ShareWithReaderAsync(new() { DocumentId = docId, UserId = student.Id }, teacher.Call);

        // Probe intervals shrink only after a few successful probes: let the cluster settle before killing a silo.
        await _cluster.Cluster.WaitForLivenessToStabilizeAsync();
        var victimAddress = await HostOf(docId);
        var victim = _cluster.Cluster.Silos.Single(s => s.SiloAddress.Equals(victimAddress));

        var retries = 0;
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Name == "actors.gateway.grain.retries")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref retries, (int)value));
        listener.Start();

        using var stop = new CancellationTokenSource(Deadline);
        var watcher = WatchAsync(documents, docId, teacher, stop.Token);
        var acknowledged = new ConcurrentQueue<string>();
        var failures = new ConcurrentQueue<string>();
        var killed = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        var clock = Stopwatch.StartNew();
        var done = new CancellationTokenSource();

        // Writers: one student annotating; others creating goals and listing them. Goal ids cycle (a student keeps at
        // most 500): creating an existing goal again with the same content returns it, as a client's retry would.
        var annotating = Task.Run(async () =>
        {
            for (var i = 0; !done.IsCancellationRequested; i++)
            {
                var id = $"n-{i:D4}";
                await Call(() => documents.AddAnnotationAsync(new() { DocumentId = docId, AnnotationId = id, Page = 1, Body = World.Comment(id) }, student.Call).ResponseAsync, failures);
                acknowledged.Enqueue(id);
            }
        });
        var others = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            var me = busy[w];
            for (var i = 0; !done.IsCancellationRequested; i++)
            {
                await Call(() => students.CreateGoalAsync(new() { StudentId = me.Id, GoalId = $"g-{i % 100}", Title = "Keep going" }, me.Call).ResponseAsync, failures);
                await Call(() => students.ListGoalsAsync(new() { StudentId = me.Id }, me.Call).ResponseAsync, failures);
            }
        })).ToList();

        await Poll.UntilAsync(() => Task.FromResult(acknowledged.Count), n => n >= 20, Deadline, "annotations before the kill");
        await _cluster.Cluster.KillSiloAsync(victim);
        var killedAt = clock.Elapsed;
        var beforeKill = acknowledged.Count;

        // Keep calling until the document answers from the survivor and more annotations went through it.
        await Poll.UntilAsync(() => HostOf(docId).AsTask(), a => a is not null && !a.Equals(victimAddress), Deadline, "the document on the survivor");
        var movedAt = clock.Elapsed;

        // What proves the calls crossed the loss of a host: the document, active on the victim before the kill, is now
        // active on the survivor (asked of the survivor's catalog, not of a directory that may still name the victim).
        var survivor = _cluster.Cluster.Silos.Single(s => !s.SiloAddress.Equals(victimAddress)).SiloAddress;
        var documentGrain = _cluster.Cluster.Client.GetGrain<IDocumentGrain>(Contracts.GrainKeys.For(Schools.A, docId)).GetGrainId();
        var onSurvivor = await _cluster.Cluster.Client.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics(hostsIds: [survivor]);
        Assert.Contains(onSurvivor, a => a.GrainId == documentGrain);
        await Poll.UntilAsync(() => Task.FromResult(acknowledged.Count), n => n >= beforeKill + 20, Deadline, "annotations after the kill");
        await done.CancelAsync();
        await Task.WhenAll([annotating, .. others]);

        // The watcher ends up holding exactly what was acknowledged, having seen every change once, in order.
        var expected = acknowledged.ToList();
        var seen = await Poll.UntilAsync(() => Task.FromResult(watcher.Snapshot()), s => s.Held.Count >= expected.Count, Deadline, "the watcher caught up");
        await stop.CancelAsync();
        output.WriteLine(
            $"killed at {killedAt.TotalSeconds:0.0} s, document answered from the survivor at {movedAt.TotalSeconds:0.0} s; "
            + $"{expected.Count} annotations acknowledged ({beforeKill} before the kill); watcher: {seen.Events} events, {seen.Snapshots} snapshot(s); grain calls retried: {retries}; failed calls: {failures.Count}");

        Assert.Empty(failures);
        Assert.Equal(expected, seen.Held);
        Assert.Empty(seen.OrderProblems);
    }

    /// <summary>The silo holding school A's document <paramref name="documentId"/> (the grain the gateway calls for it).</summary>
    private ValueTask<SiloAddress?> HostOf(string documentId)
        => _cluster.Cluster.Client.GetGrain<IManagementGrain>(0).GetActivationAddress(_cluster.Cluster.Client.GetGrain<IDocumentGrain>(Contracts.GrainKeys.For(Schools.A, documentId)));

    private static async Task Call<T>(Func<Task<T>> call, ConcurrentQueue<string> failures)
    {
        try
        {
            await call();
        }
        catch (RpcException e)
        {
            failures.Enqueue($"{e.StatusCode}: {e.Status.Detail}");
            throw;
        }
    }

    private static Watcher WatchAsync(DocumentService.DocumentServiceClient documents, string docId, User user, CancellationToken cancellationToken)
    {
        var watcher = new Watcher();
        watcher.Run = Task.Run(async () =>
        {
            using var call = documents.WatchAnnotations(new() { DocumentId = docId }, Api.Client.Bearer.Options(user.Token, cancellationToken: cancellationToken));
            try
            {
                while (await call.ResponseStream.MoveNext(cancellationToken))
                {
                    watcher.Apply(call.ResponseStream.Current);
                }
            }
            catch (RpcException) when (cancellationToken.IsCancellationRequested)
            {
            }
        });
        return watcher;
    }

    /// <summary>What one watcher holds, rebuilt from the events as a frontend would: snapshots replace, additions append.</summary>
    private sealed class Watcher
    {
        private readonly object _lock = new();
        private readonly List<string> _held = [];
        private readonly List<string> _orderProblems = [];
        private long _last = -1;
        private int _events;
        private int _snapshots;
        private bool _continuing;

        public Task Run { get; set; } = Task.CompletedTask;

        public void Apply(AnnotationEvent e)
        {
            lock (_lock)
            {
                _events++;
                if (e.Kind == AnnotationEventKind.Snapshot)
                {
                    if (e.Sequence != _last || !_continuing)
                    {
                        _held.Clear();
                        _snapshots++;
                    }

                    _held.AddRange(e.Snapshot.Select(a => a.AnnotationId));
                    _continuing = e.SnapshotContinues;
                }
                else
                {
                    if (e.Sequence != _last + 1)
                    {
                        _orderProblems.Add($"event {e.Sequence} after {_last}");
                    }

                    if (e.Kind == AnnotationEventKind.Added)
                    {
                        if (_held.Contains(e.AnnotationId))
                        {
                            _orderProblems.Add($"{e.AnnotationId} added twice");
                        }

                        _held.Add(e.AnnotationId);
                    }
                }

                _last = e.Sequence;
            }
        }

        public (List<string> Held, int Events, int Snapshots, List<string> OrderProblems) Snapshot()
        {
            lock (_lock)
            {
                return ([.. _held], _events, _snapshots, [.. _orderProblems]);
            }
        }
    }
}
