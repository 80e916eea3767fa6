using System.CommandLine;
using Actors.Api.Client;

namespace Actors.Cli.Commands;

/// <summary><c>actors token --user ID --role ROLE</c>: prints a development bearer token.</summary>
internal static class TokenCommand
{
    public static Command Create(TextWriter output)
    {
        var user = new Option<string>("--user") { Description = "The user id (the token's sub; a student's is their student id)", Required = true };
        user.Validators.Add(result =>
        {
            // A token for an id the gateway refuses would only fail later, as UNAUTHENTICATED on every call.
            if (DevTokens.FindUserIdProblem(result.GetValueOrDefault<string>()) is { } problem)
            {
                result.AddError($"--user {problem}");
            }
        });
        var role = new Option<string>("--role") { Description = "student, teacher or admin", Required = true };
        role.AcceptOnlyFromAmong([.. DevTokens.Roles]);
        var hours = new Option<double>("--hours") { Description = "Lifetime in hours", DefaultValueFactory = _ => 8 };
        hours.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double>() is not (> 0 and <= 24 * 30))
            {
                result.AddError($"--hours is {result.GetValueOrDefault<double>()}; it must be above 0 and at most {24 * 30}.");
            }
        });
        var signing = new SigningOptions();

        var command = new Command("token", "Mint a development bearer token the gateway accepts (local runs and tests only).") { user, role, hours };
        signing.AddTo(command);
        command.SetAction(parse =>
        {
            output.WriteLine(signing.Mint(parse, parse.GetValue(user)!, parse.GetValue(role)!, TimeSpan.FromHours(parse.GetValue(hours))));
            return 0;
        });
        return command;
    }
}
