using System.Security.Cryptography;
using System.Text;

namespace Actors.Grains.Classes;

/// <summary>
/// Class join codes: 8 characters from an alphabet without look-alikes (no 0/o, 1/l/i), random from a
/// cryptographic source — 31^8 ≈ 8.5 × 10^11 codes, against a guesser held to the gateway's per-user rate limit.
/// Compared case-insensitively (students type them) and in fixed time.
/// </summary>
internal static class JoinCodes
{
    private const string Alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
    private const int Length = 8;

    public static string New() => RandomNumberGenerator.GetString(Alphabet, Length);

    public static bool Match(string? expected, string given)
        => expected is not null
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(given.Trim().ToLowerInvariant()));
}
