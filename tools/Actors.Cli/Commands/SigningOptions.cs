using System.CommandLine;
using Actors.Api.Client;

namespace Actors.Cli.Commands;

/// <summary>
/// The gateway's token settings, for minting: <c>--signing-key</c>, else the environment variable
/// <c>Jwt__SigningKey</c> (the gateway's own), else the file <c>.run/jwt-signing-key</c> that scripts/run-local.sh writes.
/// </summary>
internal sealed class SigningOptions
{
    public const string KeyFile = ".run/jwt-signing-key";

    public Option<string?> Key { get; } = new("--signing-key") { Description = $"The gateway's Jwt:SigningKey (default: $Jwt__SigningKey, else {KeyFile})" };

    public Option<string> Issuer { get; } = new("--issuer") { Description = "The gateway's Jwt:Issuer", DefaultValueFactory = _ => DevTokens.DefaultIssuer };

    public Option<string> Audience { get; } = new("--audience") { Description = "The gateway's Jwt:Audience", DefaultValueFactory = _ => DevTokens.DefaultAudience };

    public void AddTo(Command command)
    {
        command.Options.Add(Key);
        command.Options.Add(Issuer);
        command.Options.Add(Audience);
    }

    /// <summary>Mints a token for <paramref name="user"/> of <paramref name="school"/> in <paramref name="role"/> with the settings given on the command line.</summary>
    public string Mint(ParseResult parse, string school, string user, string role, TimeSpan? lifetime = null)
        => DevTokens.Mint(ResolveKey(parse.GetValue(Key)), school, user, role, parse.GetValue(Issuer)!, parse.GetValue(Audience)!, lifetime);

    private static string ResolveKey(string? given)
    {
        if (!string.IsNullOrEmpty(given))
        {
            return given;
        }

        if (Environment.GetEnvironmentVariable("Jwt__SigningKey") is { Length: > 0 } fromEnvironment)
        {
            return fromEnvironment;
        }

        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            var file = Path.Combine(dir.FullName, KeyFile);
            if (File.Exists(file))
            {
                return File.ReadAllText(file).Trim();
            }
        }

        throw new InvalidOperationException($"No signing key: pass --signing-key, set Jwt__SigningKey, or run scripts/run-local.sh (it writes {KeyFile}).");
    }
}
