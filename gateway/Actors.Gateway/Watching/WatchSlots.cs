using System.Collections.Concurrent;
using Actors.Contracts;
using Actors.Contracts.Errors;
using Microsoft.Extensions.Options;

namespace Actors.Gateway.Watching;

/// <summary>
/// Counts each user's open watches on this gateway and refuses one more than <see cref="WatchOptions.MaxWatchesPerUser"/>.
/// Per gateway process: a client spreading its watches over several gateways can hold that many on each (the
/// per-user rate limit, also per gateway, has the same scope).
/// </summary>
internal sealed class WatchSlots(IOptions<WatchOptions> options)
{
    private readonly ConcurrentDictionary<string, int> _open = new(StringComparer.Ordinal);
    private readonly int _max = options.Value.MaxWatchesPerUser;

    /// <summary>Takes one of <paramref name="caller"/>'s slots until the returned handle is disposed; <see cref="QuotaExceededException"/> if none is free.</summary>
    public IDisposable Take(Caller caller)
    {
        var user = GrainKeys.For(caller.SchoolId, caller.UserId);
        while (true)
        {
            var open = _open.GetOrAdd(user, 0);
            if (open >= _max)
            {
                throw new QuotaExceededException("Open watches of one user", _max);
            }

            if (_open.TryUpdate(user, open + 1, open))
            {
                return new Slot(this, user);
            }
        }
    }

    private void Release(string user)
    {
        while (true)
        {
            var open = _open[user];
            if (open <= 1 ? _open.TryRemove(new KeyValuePair<string, int>(user, open)) : _open.TryUpdate(user, open - 1, open))
            {
                return;
            }
        }
    }

    private sealed class Slot(WatchSlots slots, string user) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                slots.Release(user);
            }
        }
    }
}
