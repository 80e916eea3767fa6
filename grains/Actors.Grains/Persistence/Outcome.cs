namespace Actors.Grains.Persistence;

/// <summary>
/// What applying a change to immutable state gives: the new state — the same instance when nothing changed, so a
/// repeated (idempotent) call costs no write — and what the caller gets back.
/// </summary>
internal readonly record struct Outcome<TState, TResult>(TState State, TResult Result)
    where TState : class
{
    /// <summary>True when <see cref="State"/> differs from <paramref name="before"/> and must be written.</summary>
    public bool Changes(TState before) => !ReferenceEquals(State, before);
}
