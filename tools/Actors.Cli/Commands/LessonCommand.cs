using System.CommandLine;
using Actors.Cli.Lesson;

namespace Actors.Cli.Commands;

/// <summary><c>actors lesson</c>: plays a lesson against a running gateway (see <see cref="LessonRun"/>).</summary>
internal static class LessonCommand
{
    public static Command Create()
    {
        var gateway = new Option<string>("--gateway") { Description = "The gateway's h2c gRPC address", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var school = new Option<string>("--school") { Description = "The school the lesson is played in (its users are made for the run)", DefaultValueFactory = _ => "kowhai" };
        var students = new Option<int>("--students") { Description = "Students in the class", DefaultValueFactory = _ => 4 };
        var annotations = new Option<int>("--annotations") { Description = "Annotations each student adds", DefaultValueFactory = _ => 5 };
        var signing = new SigningOptions();

        var command = new Command(
            "lesson",
            "Play a lesson in one school: its administrator rosters a teacher and students; the teacher creates a class and invites them (half accept, half join with the code), assigns a document; the students annotate it at once while the teacher watches live.")
        {
            gateway, school, students, annotations,
        };
        signing.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var schoolId = parse.GetValue(school)!;
            var run = new LessonRun(new Uri(parse.GetValue(gateway)!), schoolId, (user, role) => signing.Mint(parse, schoolId, user, role), Console.Out);
            var ok = await run.PlayAsync(Math.Clamp(parse.GetValue(students), 1, 50), Math.Clamp(parse.GetValue(annotations), 1, 100), cancellationToken);
            return ok ? 0 : 1;
        });
        return command;
    }
}
