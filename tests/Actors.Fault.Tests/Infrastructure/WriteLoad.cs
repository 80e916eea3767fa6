using System.Collections.Concurrent;
using System.Diagnostics;
using Actors.Contracts;
using Actors.Contracts.Errors;
using Actors.Contracts.Students;

namespace Actors.Fault.Tests.Infrastructure;

/// <summary>
/// A steady load of acknowledged writes: <c>workers</c> loops, each creating goals under fresh client ids on students
/// spread over the cluster. A write is retried with the same id (goal creation is idempotent) until it is acknowledged
/// or <see cref="RetryBudget"/> runs out; every acknowledged write is recorded with its id so that the test can look for
/// each one in the database afterwards.
/// </summary>
internal sealed class WriteLoad
{
    /// <summary>How long one write keeps being retried before it counts as failed.</summary>
    public static readonly TimeSpan RetryBudget = TimeSpan.FromSeconds(30);

    private readonly Func<string, string, CancellationToken, Task> _createGoal;
    private readonly Func<IReadOnlyList<string>, Task> _roster;
    private readonly Func<Exception, bool> _isBug;
    private readonly int _workers;
    private readonly int _students;
    private readonly TimeSpan _pause;
    private readonly string _prefix = $"s{Guid.NewGuid():N}"[..9];
    private readonly ConcurrentBag<AcknowledgedWrite> _acknowledged = [];
    private readonly ConcurrentBag<FailedAttempt> _failedAttempts = [];
    private readonly ConcurrentBag<string> _failedWrites = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly CancellationTokenSource _stop = new();
    private Task[] _loops = [];

    /// <summary>
    /// A load that creates goal <c>goalId</c> of student <c>studentId</c> (of <see cref="FaultSchool"/>) through
    /// <paramref name="createGoal"/>, once <paramref name="roster"/> has put the students on the school's roster (a
    /// student exists once rostered); an exception for which <paramref name="isBug"/> holds is a mistake of the test,
    /// not a fault to ride out, and ends it.
    /// </summary>
    public WriteLoad(
        Func<string, string, CancellationToken, Task> createGoal, Func<IReadOnlyList<string>, Task> roster, Func<Exception, bool> isBug, int workers = 6, int students = 60, TimeSpan? pause = null)
    {
        _createGoal = createGoal;
        _roster = roster;
        _isBug = isBug;
        _workers = workers;
        _students = students;
        _pause = pause ?? TimeSpan.FromMilliseconds(40);
    }

    /// <summary>The load through an Orleans client, straight to the student grains.</summary>
    public static WriteLoad ThroughOrleans(IGrainFactory grains) => new(
        (studentId, goalId, ct) => grains.GetGrain<IStudentGrain>(FaultSchool.Key(studentId)).CreateGoal(FaultSchool.Student(studentId), goalId, new GoalDraft($"Goal {goalId}"), ct),
        studentIds => FaultSchool.RosterAsync(grains, studentIds),
        static e => e is DomainException);

    /// <summary>Time since the load was created: the time base of every record.</summary>
    public TimeSpan Now => _clock.Elapsed;

    /// <summary>The students written to (their ids in <see cref="FaultSchool"/>; <see cref="FaultSchool.Key"/> makes their grain keys).</summary>
    public IEnumerable<string> StudentIds => Enumerable.Range(0, _students).Select(StudentId);

    public int AcknowledgedCount => _acknowledged.Count;

    /// <summary>Rosters the students, then starts the loops.</summary>
    public async Task StartAsync()
    {
        await _roster([.. StudentIds]);
        _loops = [.. Enumerable.Range(0, _workers).Select(w => Task.Run(() => WorkAsync(w)))];
    }

    /// <summary>Waits until <paramref name="count"/> more writes have been acknowledged (at most <paramref name="timeout"/>).</summary>
    public async Task WaitForMoreAcknowledgedAsync(int count, TimeSpan timeout)
    {
        var target = AcknowledgedCount + count;
        await Actors.Testing.Poll.UntilAsync(() => Task.FromResult(AcknowledgedCount), n => n >= target, timeout, $"{count} more acknowledged writes");
    }

    /// <summary>Stops starting writes, waits for those in flight (retries included), and reports.</summary>
    public async Task<LoadReport> StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_loops);
        return new LoadReport([.. _acknowledged], [.. _failedAttempts], [.. _failedWrites]);
    }

    private string StudentId(int index) => $"{_prefix}-{index:000}";

    private async Task WorkAsync(int worker)
    {
        for (var i = 0; !_stop.IsCancellationRequested; i++)
        {
            var studentId = StudentId(((i * _workers) + worker) % _students);
            var goalId = $"w{worker}-{i:00000}";
            await WriteAsync(studentId, goalId);
            try
            {
                await Task.Delay(_pause, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task WriteAsync(string studentId, string goalId)
    {
        var started = Now;
        var delay = TimeSpan.FromMilliseconds(50);
        while (true)
        {
            var attemptStarted = Now;
            try
            {
                await _createGoal(studentId, goalId, CancellationToken.None);
                _acknowledged.Add(new AcknowledgedWrite(studentId, goalId, started, Now));
                return;
            }
            catch (Exception e) when (!_isBug(e))
            {
                _failedAttempts.Add(new FailedAttempt(attemptStarted, Now, Describe(e)));
                if (Now - started >= RetryBudget)
                {
                    _failedWrites.Add($"{studentId}/{goalId}: {Describe(e)}");
                    return;
                }
            }

            await Task.Delay(delay);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 1000));
        }
    }

    private static string Describe(Exception e) => e switch
    {
        Actors.Persistence.CockroachDb.Storage.CockroachStorageException storage => $"{nameof(Actors.Persistence.CockroachDb.Storage.CockroachStorageException)}(transient={storage.IsTransient})",
        Grpc.Core.RpcException rpc => $"{rpc.StatusCode}: {rpc.Status.Detail}",
        _ => e.GetType().Name,
    };
}

/// <summary>A write the cluster acknowledged: from then on it must be in the database.</summary>
internal sealed record AcknowledgedWrite(string StudentId, string GoalId, TimeSpan Started, TimeSpan Acknowledged)
{
    public TimeSpan Latency => Acknowledged - Started;
}

/// <summary>One failed attempt of a write (it may have been retried successfully).</summary>
internal sealed record FailedAttempt(TimeSpan Started, TimeSpan Failed, string Error)
{
    public TimeSpan Duration => Failed - Started;
}

/// <summary>What a <see cref="WriteLoad"/> saw.</summary>
internal sealed record LoadReport(IReadOnlyList<AcknowledgedWrite> Acknowledged, IReadOnlyList<FailedAttempt> FailedAttempts, IReadOnlyList<string> FailedWrites)
{
    /// <summary>Failed attempts by error, e.g. "SiloUnavailableException x3".</summary>
    public string ErrorSummary => FailedAttempts.Count == 0
        ? "none"
        : string.Join(", ", FailedAttempts.GroupBy(f => f.Error).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} x{g.Count()}"));

    /// <summary>The longest a caller waited for one acknowledged write, retries included, among writes in flight at some time in [from, to).</summary>
    public TimeSpan MaxLatency(TimeSpan from, TimeSpan to)
        => Acknowledged.Where(a => a.Started < to && a.Acknowledged >= from).Select(a => a.Latency).DefaultIfEmpty().Max();

    /// <summary>Latency percentile of all acknowledged writes.</summary>
    public TimeSpan Percentile(double p)
    {
        var sorted = Acknowledged.Select(a => a.Latency).Order().ToList();
        return sorted.Count == 0 ? TimeSpan.Zero : sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];
    }
}
