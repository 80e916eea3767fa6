using Actors.Contracts;
using Actors.Contracts.Audit;
using Actors.Contracts.Errors;
using Actors.Contracts.Internal;
using Actors.Contracts.Schools;
using Actors.Grains.Coordination;
using Actors.Grains.Persistence;
using Actors.Grains.Validation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace Actors.Grains.Schools;

/// <summary>
/// A school's roster, and the coordinator of rostering students: it records the change in its own row, tells the
/// student grain (which mirrors the roster and exists exactly while rostered), then records that the student
/// agrees — the same intent-first pattern as the class (<see cref="Reconciler"/>), so an interrupted rostering
/// converges on the next call, activation or timer. Who may do what is <see cref="SchoolAccess"/>.
/// <para>
/// Not reentrant. The <see cref="ISchoolDirectory"/> read interleaves (the student grain asks it back while the
/// school waits) and answers from the last durable state only (<see cref="DurableState{TState}"/>).
/// </para>
/// </summary>
[GrainType("school")]
public sealed partial class SchoolGrain(
    [PersistentState("school", "actors")] IPersistentState<SchoolState> storage,
    IOptions<SchoolGrainOptions> options,
    IAuditTrail auditTrail,
    TimeProvider time,
    ILogger<SchoolGrain> logger) : Grain, ISchoolGrain, ISchoolDirectory
{
    /// <summary>Most members one listing returns.</summary>
    public const int MaxPageSize = 500;

    private readonly SchoolGrainOptions _options = options.Value;
    private readonly DurableState<SchoolState> _state = new(storage);
    private Reconciler _reconciler = null!;
    private (SchoolState Of, string[] Ids) _sortedIds;

    private string SchoolId => this.GetPrimaryKeyString();

    private SchoolState State => _state.Current;

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _state.Load(SchoolStateMigration.Upgrade(storage.State, storage.RecordExists));
        _reconciler = new Reconciler(
            this, ReconcileAsync, () => SchoolRoster.Unconfirmed(State).Count > 0 || State.Erasures.Count > 0, _options.ReconcileRetryInterval, e => LogReconcileFailed(e, SchoolId), e => LogReconcileRefused(SchoolId, e.Message));
        if (SchoolRoster.Unconfirmed(State).Count > 0 || State.Erasures.Count > 0)
        {
            // A previous activation stopped half way: finish telling the students, and the erasures it started.
            _reconciler.Schedule(TimeSpan.Zero);
        }

        return Task.CompletedTask;
    }

    public async Task<SchoolMember> AddMember(Caller caller, string userId, SchoolMemberDraft draft, CancellationToken cancellationToken)
    {
        SchoolAccess.RequireAdmin(caller, SchoolId, "roster users");
        var wasActive = State.Members.TryGetValue(userId ?? "", out var before) && before.State == MemberState.Active;
        var member = await _state.ApplyAsync(SchoolRoster.Add(State, userId!, draft, time.GetUtcNow()), cancellationToken);
        await _reconciler.CompleteAsync();
        if (wasActive && member.Role == SchoolRole.Student)
        {
            // A repeated rostering re-asserts the student's side too, repairing it if it was ever lost.
            await Student(member.UserId).SyncRoster();
        }

        return State.Members.GetValueOrDefault(member.UserId, member);
    }

    public async Task RemoveMember(Caller caller, string userId, CancellationToken cancellationToken)
    {
        SchoolAccess.RequireAdmin(caller, SchoolId, "take users off the roster");
        var outcome = SchoolRoster.Remove(State, userId);
        var removed = outcome.Result;
        await _state.ApplyAsync(outcome, cancellationToken);
        await _reconciler.CompleteAsync();
        if (removed is null)
        {
            // Not on the roster (any more): make sure a student grain of that id does not think otherwise.
            await Student(userId).SyncRoster();
        }
    }

    public Task<SchoolMember> GetMember(Caller caller, string userId, CancellationToken cancellationToken)
    {
        SchoolAccess.RequireAdmin(caller, SchoolId, "read the roster");
        new Validator().Id("userId", userId).ThrowIfInvalid();
        return State.Members.TryGetValue(userId, out var member) && member.IsRostered
            ? Task.FromResult(member)
            : throw new NotFoundException("member of the school", userId);
    }

    public Task<SchoolMemberPage> ListMembers(Caller caller, SchoolRole? role, string? afterUserId, int limit, CancellationToken cancellationToken)
    {
        SchoolAccess.RequireAdmin(caller, SchoolId, "read the roster");
        new Validator()
            .Range("limit", limit, 1, MaxPageSize)
            .OptionalId("afterUserId", afterUserId)
            .ThrowIfInvalid();
        if (role is { } r)
        {
            new Validator().Defined("role", r).ThrowIfInvalid();
        }

        var ids = SortedIds();
        var start = afterUserId is null ? 0 : Array.BinarySearch(ids, afterUserId, StringComparer.Ordinal) switch
        {
            >= 0 and var found => found + 1,
            var notFound => ~notFound,
        };
        var page = new List<SchoolMember>(Math.Min(limit, ids.Length - start));
        var next = start;
        for (; next < ids.Length && page.Count < limit; next++)
        {
            var member = State.Members[ids[next]];
            if (member.IsRostered && (role is null || member.Role == role))
            {
                page.Add(member);
            }
        }

        var hasMore = ids.Skip(next).Any(id => State.Members[id] is { IsRostered: true } m && (role is null || m.Role == role));
        return Task.FromResult(new SchoolMemberPage(page, hasMore));
    }

    /// <inheritdoc />
    public Task<SchoolMember?> FindMember(string userId)
        => Task.FromResult(_state.Durable.Members.TryGetValue(userId ?? "", out var member) && member.IsRostered ? member : null);

    /// <inheritdoc />
    public Task<bool> IsErased(string userId)
        => Task.FromResult(_state.Durable.Erasures.Contains(userId ?? "") || ErasedStudents.Contains(_state.Durable, userId ?? ""));

    /// <summary>Tells every unconfirmed student (added or removed) to sync, and records each that did (rethrowing the first failure); then carries out the recorded erasures.</summary>
    private async Task ReconcileAsync()
    {
        var unconfirmed = SchoolRoster.Unconfirmed(State);
        if (unconfirmed.Count > 0)
        {
            var synced = await FanOut.RunAsync(unconfirmed, _options.MaxParallelCalls, id => Student(id).SyncRoster());
            await _state.SaveIfChangedAsync(synced.Where(r => r.Error is null).Aggregate(State, (state, r) => SchoolRoster.Confirm(state, r.Item)));
            FanOut.ThrowFirstError(synced);
        }

        await FinishErasuresAsync();
    }

    private string[] SortedIds()
    {
        if (!ReferenceEquals(_sortedIds.Of, State))
        {
            _sortedIds = (State, [.. State.Members.Keys]);
        }

        return _sortedIds.Ids;
    }

    private IStudentSchoolSync Student(string userId) => GrainFactory.GetGrain<IStudentSchoolSync>(GrainKeys.For(SchoolId, userId));

    [LoggerMessage(Level = LogLevel.Warning, Message = "School {SchoolId}: telling students of roster changes failed; retrying later")]
    private partial void LogReconcileFailed(Exception exception, string schoolId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "School {SchoolId}: telling students of roster changes was refused ({Reason}); waiting for the next call")]
    private partial void LogReconcileRefused(string schoolId, string reason);
}
