using System.CommandLine;
using Actors.Api.Client;

namespace Actors.Cli.Commands;

/// <summary><c>actors token --user ID --role ROLE</c>: prints a development bearer token.</summary>
internal static class TokenCommand
{
    public static Command Create()
    {
        var user = new Option<string>("--user") { Description = "The user id (the token's sub; a student's is their student id)", Required = true };
        var role = new Option<string>("--role") { Description = "student, teacher or admin", Required = true };
        role.AcceptOnlyFromAmong([.. DevTokens.Roles]);
        var hours = new Option<double>("--hours") { Description = "Lifetime in hours", DefaultValueFactory = _ => 8 };
        var signing = new SigningOptions();

        var command = new Command("token", "Mint a development bearer token the gateway accepts (local runs and tests only).") { user, role, hours };
        signing.AddTo(command);
        command.SetAction(parse =>
        {
            Console.WriteLine(signing.Mint(parse, parse.GetValue(user)!, parse.GetValue(role)!, TimeSpan.FromHours(parse.GetValue(hours))));
            return 0;
        });
        return command;
    }
}
