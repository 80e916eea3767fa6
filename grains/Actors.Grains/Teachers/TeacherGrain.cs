using System.Collections.Immutable;
using Actors.Contracts;
using Actors.Contracts.Internal;
using Actors.Contracts.Teachers;
using Actors.Grains.Persistence;
using Actors.Grains.Validation;
using Orleans.Runtime;

namespace Actors.Grains.Teachers;

/// <summary>
/// A teacher's class list (key <c>{schoolId}/{teacherId}</c>): each class records itself here once its creation is
/// durable (<see cref="ITeacherClassIndex"/>, retried by the class until done), and the teacher — or a school
/// administrator — lists them (<see cref="TeacherAccess"/>). Not reentrant: one write at a time.
/// </summary>
[GrainType("teacher")]
public sealed class TeacherGrain(
    [PersistentState("teacher", "actors")] IPersistentState<TeacherState> storage) : Grain, ITeacherGrain, ITeacherClassIndex
{
    /// <summary>Most classes one listing returns.</summary>
    public const int MaxPageSize = 500;

    private DurableState<TeacherState> _state = null!;
    private SchoolScopedKey? _key;

    private SchoolScopedKey Key => _key ??= GrainKeys.ParseOrNone(this.GetPrimaryKeyString());

    private TeacherState State => _state.Current;

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _state = new DurableState<TeacherState>(storage);
        _state.Load(storage.RecordExists
            ? storage.State with { Classes = (storage.State.Classes ?? ImmutableSortedDictionary<string, TaughtClass>.Empty).WithComparers(StringComparer.Ordinal) }
            : storage.State with { SchemaVersion = TeacherState.CurrentSchemaVersion });
        return Task.CompletedTask;
    }

    public async Task<TaughtClassPage> ListClasses(Caller caller, string? afterClassId, int limit, CancellationToken cancellationToken)
    {
        await TeacherAccess.RequireReaderAsync(caller, Key, GrainFactory.GetGrain<ISchoolDirectory>(Key.SchoolId));
        new Validator()
            .Range("limit", limit, 1, MaxPageSize)
            .OptionalId("afterClassId", afterClassId)
            .ThrowIfInvalid();
        var after = afterClassId is null ? State.Classes.Values : State.Classes.Values.SkipWhile(c => string.CompareOrdinal(c.ClassId, afterClassId) <= 0);
        var page = after.Take(limit + 1).ToList();
        return new TaughtClassPage([.. page.Take(limit)], page.Count > limit);
    }

    /// <inheritdoc />
    public async Task RecordClass(TaughtClass taughtClass)
    {
        Validator.NotNull(taughtClass, nameof(taughtClass));
        if (State.Classes.GetValueOrDefault(taughtClass.ClassId) != taughtClass)
        {
            await _state.SaveIfChangedAsync(State with { Classes = State.Classes.SetItem(taughtClass.ClassId, taughtClass) });
        }
    }
}
