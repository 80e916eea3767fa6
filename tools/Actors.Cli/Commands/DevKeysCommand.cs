using System.CommandLine;
using Actors.Security.Development;

namespace Actors.Cli.Commands;

/// <summary>
/// <c>actors dev-signing-key --out DIR</c>: a development key pair for tokens (<c>dev-signing-key.pem</c>, and
/// <c>dev-signing-key.pub.pem</c> for the gateway's <c>Jwt:PublicKeyPaths</c>). scripts/run-local.sh makes one per run.
/// </summary>
internal static class DevKeysCommand
{
    public static Command Create()
    {
        var output = new Option<DirectoryInfo>("--out") { Description = "Directory to write the key pair to", Required = true };
        var command = new Command("dev-signing-key", "Make a development key pair that `actors token` signs with and the local gateway trusts (local runs only).") { output };
        command.SetAction(parse =>
        {
            using var key = DevSigningKey.Create();
            var (_, publicKey) = key.Write(parse.GetValue(output)!.FullName);
            Console.WriteLine(publicKey);
            return 0;
        });
        return command;
    }
}
