using Actors.Contracts;
using Actors.Security.Callers;

namespace Actors.Security.Tests.Callers;

/// <summary>
/// <see cref="VerifiedTokenCache"/>: a token is verified once and then served from memory until it expires, never
/// after; failures are not remembered; the size stays bounded.
/// </summary>
public sealed class VerifiedTokenCacheTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 26, 8, 0, 0, TimeSpan.Zero);
    private readonly ManualClock _clock = new(Start);
    private readonly Dictionary<string, int> _checks = [];

    [Fact]
    public async Task The_same_token_is_verified_once()
    {
        var cache = Cache(capacity: 10, expiresIn: TimeSpan.FromHours(1));

        var first = await cache.GetOrVerifyAsync("token-a");
        var second = await cache.GetOrVerifyAsync("token-a");
        await cache.GetOrVerifyAsync("token-b");

        Assert.Same(first, second);
        Assert.Equal(1, _checks["token-a"]);
        Assert.Equal(1, _checks["token-b"]);
    }

    [Fact]
    public async Task An_expired_token_is_not_served_from_memory()
    {
        // The real check refuses a token once past its expiry; this one does too.
        var cache = new VerifiedTokenCache(
            token => _clock.Now < Start.AddMinutes(10) ? Verify(token, Start.AddMinutes(10)) : Refuse(token),
            capacity: 10,
            _clock);
        Assert.NotNull(await cache.GetOrVerifyAsync("token-a"));

        _clock.Advance(TimeSpan.FromMinutes(10));

        // At its expiry the token is checked again, and refused.
        Assert.Null(await cache.GetOrVerifyAsync("token-a"));
        Assert.Equal(2, _checks["token-a"]);
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public async Task A_refused_token_is_checked_every_time()
    {
        var cache = new VerifiedTokenCache(token => Refuse(token), capacity: 10, _clock);

        Assert.Null(await cache.GetOrVerifyAsync("forged"));
        Assert.Null(await cache.GetOrVerifyAsync("forged"));

        Assert.Equal(2, _checks["forged"]);
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public async Task The_cache_holds_at_most_its_capacity()
    {
        var cache = Cache(capacity: 3, expiresIn: TimeSpan.FromHours(1));

        for (var i = 0; i < 10; i++)
        {
            await cache.GetOrVerifyAsync($"token-{i}");
            Assert.InRange(cache.Count, 1, 3);
        }
    }

    [Fact]
    public async Task Expired_entries_make_room_before_live_ones()
    {
        var lifetimes = new Queue<TimeSpan>([TimeSpan.FromMinutes(1), TimeSpan.FromHours(1), TimeSpan.FromHours(1)]);
        var cache = new VerifiedTokenCache(token => Verify(token, _clock.Now + lifetimes.Dequeue()), capacity: 2, _clock);
        await cache.GetOrVerifyAsync("short");
        await cache.GetOrVerifyAsync("long");
        _clock.Advance(TimeSpan.FromMinutes(2));

        await cache.GetOrVerifyAsync("new");
        await cache.GetOrVerifyAsync("long");

        Assert.Equal(1, _checks["long"]);
        Assert.Equal(2, cache.Count);
    }

    private VerifiedTokenCache Cache(int capacity, TimeSpan expiresIn)
        => new(token => Verify(token, _clock.Now + expiresIn), capacity, _clock);

    private Task<VerifiedToken?> Verify(string token, DateTimeOffset expires)
    {
        _checks[token] = _checks.GetValueOrDefault(token) + 1;
        return Task.FromResult<VerifiedToken?>(new VerifiedToken(Caller.Student("kura", token), null, expires));
    }

    private Task<VerifiedToken?> Refuse(string token)
    {
        _checks[token] = _checks.GetValueOrDefault(token) + 1;
        return Task.FromResult<VerifiedToken?>(null);
    }
}
