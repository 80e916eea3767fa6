using Orleans.Runtime;

namespace Actors.Grains.Persistence;

/// <summary>
/// The immutable state of a non-reentrant coordinator grain (a class, a school): <see cref="Current"/>, which its own
/// calls read and change, and <see cref="Durable"/>, the last state storage holds, which is all that its
/// <c>[AlwaysInterleave]</c> reads may answer from — they run while a write is in flight, and must not see a change
/// before it is durable.
/// </summary>
/// <param name="storage">The grain's persistent state.</param>
/// <param name="onSaved">Told of each durable change, the state before and after (a class tells documents of members who left).</param>
internal sealed class DurableState<TState>(IPersistentState<TState> storage, Action<TState, TState>? onSaved = null)
    where TState : class
{
    public TState Current => storage.State;

    public TState Durable { get; private set; } = storage.State;

    /// <summary>Takes the state as read from storage (upgraded in memory: <see cref="Durable"/> describes the same row).</summary>
    public void Load(TState upgraded) => storage.State = Durable = upgraded;

    /// <summary>
    /// Writes the outcome's state if it differs and returns its result once durable. No write is started for a caller
    /// who has given up; a started one is not interrupted (its outcome would become unknown).
    /// </summary>
    public async Task<TResult> ApplyAsync<TResult>(Outcome<TState, TResult> outcome, CancellationToken cancellationToken)
    {
        if (outcome.Changes(Current))
        {
            cancellationToken.ThrowIfCancellationRequested();
        }

        await SaveIfChangedAsync(outcome.State);
        return outcome.Result;
    }

    /// <summary>Writes <paramref name="next"/> unless it is the current state (memory never runs ahead of storage: see <see cref="PersistentStateExtensions.WriteOrRevertAsync"/>).</summary>
    public async Task SaveIfChangedAsync(TState next)
    {
        if (ReferenceEquals(next, Current))
        {
            return;
        }

        var before = Durable;
        await storage.WriteOrRevertAsync(next);
        Durable = next;
        onSaved?.Invoke(before, next);
    }
}
