using System.CommandLine;
using Actors.Api.Client;

namespace Actors.Cli.Commands;

/// <summary><c>actors token --school ID --user ID --role ROLE</c>: prints a development bearer token.</summary>
internal static class TokenCommand
{
    public static Command Create(TextWriter output)
    {
        var school = new Option<string>("--school") { Description = "The school id (the token's school claim): the only school the bearer reaches", Required = true };
        var user = new Option<string>("--user") { Description = "The user id in the school (the token's sub; a student's is their student id)", Required = true };

        // A token for an id the gateway refuses would only fail later, as UNAUTHENTICATED on every call.
        school.Validators.Add(result => IdOption.Require(result, "school id"));
        user.Validators.Add(result => IdOption.Require(result, "user id"));
        var role = new Option<string>("--role") { Description = "student, teacher, school_admin or operator", Required = true };
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

        var command = new Command("token", "Mint a development bearer token the gateway accepts (local runs and tests only).") { school, user, role, hours };
        signing.AddTo(command);
        command.SetAction(parse =>
        {
            output.WriteLine(signing.Mint(parse, parse.GetValue(school)!, parse.GetValue(user)!, parse.GetValue(role)!, TimeSpan.FromHours(parse.GetValue(hours))));
            return 0;
        });
        return command;
    }
}
