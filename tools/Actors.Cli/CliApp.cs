using System.CommandLine;
using Actors.Cli.Commands;
using Actors.Cli.Errors;

namespace Actors.Cli;

/// <summary>
/// The <c>actors</c> command: parses, runs, and turns every failure into one line on standard error and a non-zero exit
/// code — 2 for a command line it cannot use, 1 for a command that failed — with the full exception only under
/// <c>--verbose</c>.
/// </summary>
public static class CliApp
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var verbose = new Option<bool>("--verbose") { Description = "On failure, show the full error with its stack trace", Recursive = true };
        var root = new RootCommand("Actors command-line client: development tokens, keys and certificates, demo data, roster import, student records and a scripted lesson against a running gateway.") { verbose };
        root.Subcommands.Add(TokenCommand.Create(output));
        root.Subcommands.Add(LessonCommand.Create(output));
        root.Subcommands.Add(SeedCommand.Create(output));
        root.Subcommands.Add(RosterCommand.Create());
        root.Subcommands.Add(StudentCommand.Create(output));
        root.Subcommands.Add(DevCertsCommand.Create());
        root.Subcommands.Add(DevKeysCommand.Create());

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            var command = parse.CommandResult.Command is RootCommand ? "actors" : $"actors {parse.CommandResult.Command.Name}";
            error.WriteLine(OneLine($"actors: {string.Join(" ", parse.Errors.Select(e => e.Message))} Run '{command} --help' for usage."));
            return 2;
        }

        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false, Output = output, Error = error });
        }
        catch (Exception e)
        {
            error.WriteLine(OneLine($"actors: {CliErrors.Describe(e, GatewayOption.Of(parse))}"));
            if (parse.GetValue(verbose))
            {
                error.WriteLine(e);
            }

            return e is OperationCanceledException ? 130 : 1;
        }
    }

    /// <summary>
    /// Line breaks (in an argument echoed back, or a list of accepted values) as spaces: the error stays one line, so
    /// that a script can read it and a user sees it whole.
    /// </summary>
    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
