using System.CommandLine;
using Actors.Cli.Seed;

namespace Actors.Cli.Commands;

/// <summary><c>actors seed</c>: puts the demo schools into a running system (idempotent; see <see cref="DemoSchools"/>).</summary>
internal static class SeedCommand
{
    public static Command Create(TextWriter output)
    {
        var gateway = GatewayOption.Create();
        var signing = new SigningOptions();
        var command = new Command(
            "seed",
            "Roster the demo schools 'kowhai' and 'rimu' (a school admin 'admin', teachers teacher-1 and teacher-2, students student-1 to student-5, one class each). Idempotent.")
        {
            gateway,
        };
        signing.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var run = new SeedRun(new Uri(parse.GetValue(gateway)!), (school, user, role) => signing.Mint(parse, school, user, role), output);
            await run.SeedAsync(cancellationToken);
            return 0;
        });
        return command;
    }
}
