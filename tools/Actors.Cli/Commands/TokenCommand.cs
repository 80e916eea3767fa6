using System.CommandLine;
using Actors.Api.Client;

namespace Actors.Cli.Commands;

/// <summary><c>actors token --school ID --user ID --role ROLE</c>: prints a development bearer token.</summary>
internal static class TokenCommand
{
    public static Command Create()
    {
        var school = new Option<string>("--school") { Description = "The school id (the token's school claim): the only school the bearer reaches", Required = true };
        var user = new Option<string>("--user") { Description = "The user id in the school (the token's sub; a student's is their student id)", Required = true };
        var role = new Option<string>("--role") { Description = "student, teacher, school_admin or operator", Required = true };
        role.AcceptOnlyFromAmong([.. DevTokens.Roles]);
        var hours = new Option<double>("--hours") { Description = "Lifetime in hours", DefaultValueFactory = _ => 8 };
        var signing = new SigningOptions();

        var command = new Command("token", "Mint a development bearer token the gateway accepts (local runs and tests only).") { school, user, role, hours };
        signing.AddTo(command);
        command.SetAction(parse =>
        {
            Console.WriteLine(signing.Mint(parse, parse.GetValue(school)!, parse.GetValue(user)!, parse.GetValue(role)!, TimeSpan.FromHours(parse.GetValue(hours))));
            return 0;
        });
        return command;
    }
}
