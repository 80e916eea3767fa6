using System.CommandLine;
using Actors.Cli.Lesson;

namespace Actors.Cli.Commands;

/// <summary><c>actors lesson</c>: plays a lesson against a running gateway (see <see cref="LessonRun"/>).</summary>
internal static class LessonCommand
{
    public const string Name = "lesson";
    private const int MaxStudents = 50, MaxAnnotations = 100;

    public static Command Create(TextWriter output)
    {
        var gateway = GatewayOption.Create();
        var school = new Option<string>("--school") { Description = "The school the lesson is played in (its users are made for the run)", DefaultValueFactory = _ => "kowhai" };
        var students = new Option<int>("--students") { Description = $"Students in the class (1 to {MaxStudents})", DefaultValueFactory = _ => 4 };
        var annotations = new Option<int>("--annotations") { Description = $"Annotations each student adds (1 to {MaxAnnotations})", DefaultValueFactory = _ => 5 };
        school.Validators.Add(result => IdOption.Require(result, "school id"));
        students.Validators.Add(result => InRange(result, "--students", result.GetValueOrDefault<int>(), MaxStudents));
        annotations.Validators.Add(result => InRange(result, "--annotations", result.GetValueOrDefault<int>(), MaxAnnotations));
        var signing = new SigningOptions();

        var command = new Command(
            Name,
            "Play a lesson in one school: its administrator rosters a teacher and students; the teacher creates a class and invites them (half accept, half join with the code), assigns a document; the students annotate it at once while the teacher watches live.")
        {
            gateway, school, students, annotations,
        };
        signing.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var schoolId = parse.GetValue(school)!;
            var run = new LessonRun(new Uri(parse.GetValue(gateway)!), schoolId, (user, role) => signing.Mint(parse, schoolId, user, role), output);
            var ok = await run.PlayAsync(parse.GetValue(students), parse.GetValue(annotations), cancellationToken);
            return ok ? 0 : 1;
        });
        return command;
    }

    private static void InRange(System.CommandLine.Parsing.OptionResult result, string option, int value, int max)
    {
        if (value < 1 || value > max)
        {
            result.AddError($"{option} is {value}; it must be from 1 to {max}.");
        }
    }
}
