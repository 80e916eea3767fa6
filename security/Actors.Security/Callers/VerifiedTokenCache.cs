using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Actors.Security.Callers;

/// <summary>
/// Verified tokens by the SHA-256 of their text, each until its own expiry, at most a fixed number: a user's every
/// grain call after the first costs a hash and a lookup, not a signature check. Only successes are remembered (a
/// flood of bad tokens cannot fill it), and an entry is never served after its token expired.
/// </summary>
public sealed class VerifiedTokenCache
{
    private readonly ConcurrentDictionary<TokenHash, VerifiedToken> _entries = new();
    private readonly Func<string, Task<VerifiedToken?>> _verify;
    private readonly int _capacity;
    private readonly TimeProvider _time;

    /// <param name="verify">The real check; its result is remembered until the token's expiry when it is a success.</param>
    /// <param name="capacity">Most entries kept.</param>
    /// <param name="time">The clock expiry is read from.</param>
    public VerifiedTokenCache(Func<string, Task<VerifiedToken?>> verify, int capacity, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(verify);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _verify = verify;
        _capacity = capacity;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>How many verified tokens are remembered now.</summary>
    public int Count => _entries.Count;

    /// <summary>What <paramref name="token"/> stands for, from memory while it is unexpired, else verified afresh; null if it is not valid.</summary>
    public ValueTask<VerifiedToken?> GetOrVerifyAsync(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var hash = TokenHash.Of(token);
        if (_entries.TryGetValue(hash, out var known))
        {
            if (_time.GetUtcNow() < known.Expires)
            {
                return ValueTask.FromResult<VerifiedToken?>(known);
            }

            _entries.TryRemove(new KeyValuePair<TokenHash, VerifiedToken>(hash, known));
        }

        return VerifyAndRememberAsync(token, hash);
    }

    private async ValueTask<VerifiedToken?> VerifyAndRememberAsync(string token, TokenHash hash)
    {
        var verified = await _verify(token).ConfigureAwait(false);
        if (verified is null || _time.GetUtcNow() >= verified.Expires)
        {
            return verified;
        }

        if (_entries.Count >= _capacity)
        {
            MakeRoom();
        }

        _entries[hash] = verified;
        return verified;
    }

    // Expired entries go first; if the cache is full of live ones, it starts over (each caller pays one check again).
    private void MakeRoom()
    {
        var now = _time.GetUtcNow();
        foreach (var (hash, entry) in _entries)
        {
            if (now >= entry.Expires)
            {
                _entries.TryRemove(hash, out _);
            }
        }

        if (_entries.Count >= _capacity)
        {
            _entries.Clear();
        }
    }

    private readonly record struct TokenHash(UInt128 High, UInt128 Low)
    {
        public static TokenHash Of(string token)
        {
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            var byteCount = Encoding.UTF8.GetByteCount(token);
            if (byteCount <= 4096)
            {
                Span<byte> text = stackalloc byte[byteCount];
                Encoding.UTF8.GetBytes(token, text);
                SHA256.HashData(text, hash);
            }
            else
            {
                SHA256.HashData(Encoding.UTF8.GetBytes(token), hash);
            }

            return new TokenHash(
                System.Buffers.Binary.BinaryPrimitives.ReadUInt128LittleEndian(hash),
                System.Buffers.Binary.BinaryPrimitives.ReadUInt128LittleEndian(hash[16..]));
        }
    }
}
