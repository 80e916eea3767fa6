using System.CommandLine;
using Actors.Cli.Commands;

var root = new RootCommand("Actors command-line client: development tokens, demo data, roster import, student records and a scripted lesson against a running gateway.");
root.Subcommands.Add(TokenCommand.Create());
root.Subcommands.Add(LessonCommand.Create());
root.Subcommands.Add(SeedCommand.Create());
root.Subcommands.Add(RosterCommand.Create());
root.Subcommands.Add(StudentCommand.Create());
return await root.Parse(args).InvokeAsync();
