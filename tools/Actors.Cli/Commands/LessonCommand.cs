using System.CommandLine;
using Actors.Cli.Lesson;

namespace Actors.Cli.Commands;

/// <summary><c>actors lesson</c>: plays a lesson against a running gateway (see <see cref="LessonRun"/>).</summary>
internal static class LessonCommand
{
    public const string Name = "lesson";
    private const string GatewayOption = "--gateway";
    private const int MaxStudents = 50, MaxAnnotations = 100;

    public static Command Create(TextWriter output)
    {
        var gateway = new Option<string>(GatewayOption) { Description = "The gateway's h2c gRPC address", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var students = new Option<int>("--students") { Description = $"Students in the class (1 to {MaxStudents})", DefaultValueFactory = _ => 4 };
        var annotations = new Option<int>("--annotations") { Description = $"Annotations each student adds (1 to {MaxAnnotations})", DefaultValueFactory = _ => 5 };
        students.Validators.Add(result => InRange(result, "--students", result.GetValueOrDefault<int>(), MaxStudents));
        annotations.Validators.Add(result => InRange(result, "--annotations", result.GetValueOrDefault<int>(), MaxAnnotations));
        gateway.Validators.Add(result =>
        {
            if (!IsGatewayAddress(result.GetValueOrDefault<string>()))
            {
                result.AddError($"--gateway '{result.GetValueOrDefault<string>()}' is not an address like http://127.0.0.1:5080.");
            }
        });
        var signing = new SigningOptions();

        var command = new Command(Name, "Play a lesson: a teacher creates a class, enrolls students, assigns a document; the students annotate it at once while the teacher watches live.")
        {
            gateway, students, annotations,
        };
        signing.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var run = new LessonRun(new Uri(parse.GetValue(gateway)!), (user, role) => signing.Mint(parse, user, role), output);
            var ok = await run.PlayAsync(parse.GetValue(students), parse.GetValue(annotations), cancellationToken);
            return ok ? 0 : 1;
        });
        return command;
    }

    /// <summary>The gateway a parsed <c>lesson</c> command talks to, for error messages (null for other commands).</summary>
    public static Uri? GatewayOf(ParseResult parse)
        => parse.CommandResult.Command.Name == Name && Uri.TryCreate(parse.GetValue<string>(GatewayOption), UriKind.Absolute, out var uri) ? uri : null;

    private static bool IsGatewayAddress(string? value)
        => Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";

    private static void InRange(System.CommandLine.Parsing.OptionResult result, string option, int value, int max)
    {
        if (value < 1 || value > max)
        {
            result.AddError($"{option} is {value}; it must be from 1 to {max}.");
        }
    }
}
