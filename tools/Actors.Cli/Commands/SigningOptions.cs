using System.CommandLine;
using Actors.Api.Client;
using Actors.Security.Development;

namespace Actors.Cli.Commands;

/// <summary>
/// How development tokens are signed, the way the local gateway trusts them: with the development key pair
/// (<c>--private-key</c>, else <c>.run/dev-signing-key.pem</c> that scripts/run-local.sh makes per run; the gateway
/// trusts its public half), or, with <c>--signing-key</c> or <c>Jwt__SigningKey</c>, an HMAC key (only for a gateway
/// running in Development with <c>Jwt:AllowHmac</c>).
/// </summary>
internal sealed class SigningOptions
{
    public const string PrivateKeyFile = ".run/" + DevSigningKey.PrivateKeyFile;

    public Option<string?> HmacKey { get; } = new("--signing-key") { Description = "An HMAC key (the gateway's Jwt:SigningKey, development only; default: $Jwt__SigningKey when no key pair is found)" };

    public Option<string?> PrivateKey { get; } = new("--private-key") { Description = $"PEM private key to sign with (default: {PrivateKeyFile})" };

    public Option<string> Issuer { get; } = new("--issuer") { Description = "The gateway's Jwt:Issuer", DefaultValueFactory = _ => DevSigningKey.DefaultIssuer };

    public Option<string> Audience { get; } = new("--audience") { Description = "The gateway's Jwt:Audience", DefaultValueFactory = _ => DevSigningKey.DefaultAudience };

    public void AddTo(Command command)
    {
        command.Options.Add(PrivateKey);
        command.Options.Add(HmacKey);
        command.Options.Add(Issuer);
        command.Options.Add(Audience);
    }

    /// <summary>Mints a token for <paramref name="user"/> of <paramref name="school"/> in <paramref name="role"/> with the settings given on the command line.</summary>
    public string Mint(ParseResult parse, string school, string user, string role, TimeSpan? lifetime = null)
    {
        var (issuer, audience) = (parse.GetValue(Issuer)!, parse.GetValue(Audience)!);
        if (parse.GetValue(HmacKey) is { Length: > 0 } hmac)
        {
            return DevTokens.Mint(hmac, school, user, role, issuer, audience, lifetime);
        }

        if ((parse.GetValue(PrivateKey) ?? FindUpwards(PrivateKeyFile)) is { } privateKey)
        {
            using var key = DevSigningKey.Load(privateKey);
            return key.Mint(school, user, role, lifetime, issuer, audience);
        }

        if (Environment.GetEnvironmentVariable("Jwt__SigningKey") is { Length: > 0 } fromEnvironment)
        {
            return DevTokens.Mint(fromEnvironment, school, user, role, issuer, audience, lifetime);
        }

        throw new InvalidOperationException($"No key to sign with: pass --private-key, run scripts/run-local.sh (it writes {PrivateKeyFile}), or pass --signing-key.");
    }

    private static string? FindUpwards(string relativePath)
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            var file = Path.Combine(dir.FullName, relativePath);
            if (File.Exists(file))
            {
                return file;
            }
        }

        return null;
    }
}
