using Microsoft.AspNetCore.Identity;

namespace Actors.Silo.Dashboard;

/// <summary>
/// Operator password hashes: ASP.NET Core Identity's hasher (PBKDF2 with HMAC-SHA512, a random salt, 100,000
/// iterations), so configuration holds a hash rather than the password.
/// </summary>
public static class OperatorPassword
{
    /// <summary>The command line argument that makes the silo print a hash instead of running.</summary>
    public const string HashCommand = "hash-password";

    private static readonly PasswordHasher<Operator> Hasher = new();
    private static readonly Operator Nobody = new();

    /// <summary>Hashes <paramref name="password"/> for <see cref="OperatorDashboardOptions.PasswordHash"/>.</summary>
    public static string Hash(string password)
    {
        ArgumentException.ThrowIfNullOrEmpty(password);
        return Hasher.HashPassword(Nobody, password);
    }

    /// <summary>True when <paramref name="password"/> matches <paramref name="hash"/>.</summary>
    public static bool Verify(string hash, string password)
        => Hasher.VerifyHashedPassword(Nobody, hash, password) is PasswordVerificationResult.Success or PasswordVerificationResult.SuccessRehashNeeded;

    /// <summary>True when <paramref name="hash"/> has the hasher's format (a version 3 hash).</summary>
    public static bool IsHash(string hash)
    {
        var bytes = new byte[hash.Length];
        return Convert.TryFromBase64String(hash, bytes, out var length) && length > 13 && bytes[0] == 0x01;
    }

    /// <summary>
    /// <c>dotnet Actors.Silo.dll hash-password</c>: reads a password from standard input, prints its hash, and returns
    /// true (the caller then exits). For any other arguments returns false.
    /// </summary>
    public static bool TryRunHashCommand(string[] args)
    {
        if (args is not [HashCommand])
        {
            return false;
        }

        var password = Console.In.ReadToEnd().TrimEnd('\r', '\n');
        if (password.Length == 0)
        {
            Console.Error.WriteLine("usage: echo -n 'password' | dotnet Actors.Silo.dll hash-password");
            Environment.ExitCode = 2;
            return true;
        }

        Console.WriteLine(Hash(password));
        return true;
    }

    /// <summary>The hasher's user type; the hash does not depend on it.</summary>
    private sealed class Operator;
}
