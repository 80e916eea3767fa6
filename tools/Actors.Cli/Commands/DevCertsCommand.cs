using System.CommandLine;
using Actors.Security.Development;

namespace Actors.Cli.Commands;

/// <summary>
/// <c>actors dev-certs --out DIR</c>: a throw-away CA and the certificates of a local cluster (silos and gateway) for
/// the <c>ClusterTls</c> settings. scripts/run-local.sh makes a fresh set per run.
/// </summary>
internal static class DevCertsCommand
{
    public static Command Create()
    {
        var output = new Option<DirectoryInfo>("--out") { Description = "Directory to write ca.crt, silo.crt/.key and gateway.crt/.key to", Required = true };
        var command = new Command("dev-certs", "Make a throw-away CA and TLS certificates for a local cluster's silos and gateway (local runs only).") { output };
        command.SetAction(parse =>
        {
            var directory = parse.GetValue(output)!.FullName;
            DevCertificates.WriteCluster(directory);
            Console.WriteLine(directory);
            return 0;
        });
        return command;
    }
}
