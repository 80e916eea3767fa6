using System.CommandLine;
using Actors.Cli.Commands;

var root = new RootCommand("Actors command-line client: development tokens, keys and certificates, demo data and a scripted lesson against a running gateway.");
root.Subcommands.Add(TokenCommand.Create());
root.Subcommands.Add(LessonCommand.Create());
root.Subcommands.Add(SeedCommand.Create());
root.Subcommands.Add(DevCertsCommand.Create());
root.Subcommands.Add(DevKeysCommand.Create());
return await root.Parse(args).InvokeAsync();
