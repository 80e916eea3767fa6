using System.CommandLine;
using Actors.Api.V1;
using Grpc.Net.Client;

namespace Actors.Cli.Commands;

/// <summary>
/// <c>actors student export --school ID --student ID [--out FILE]</c>: everything stored about one student, as the
/// school's administrator, as one JSON document (to standard output, or to a file). The export is recorded in the
/// student's audit trail.
/// </summary>
internal static class StudentCommand
{
    public static Command Create()
    {
        var student = new Option<string>("--student") { Description = "The student's id in the school", Required = true };
        var output = new Option<FileInfo?>("--out") { Description = "Write the JSON here instead of to standard output" };
        var connection = new AdminConnection();
        var export = new Command("export", "Export everything stored about one student as one JSON document (school admins; audited).") { student, output };
        connection.AddTo(export);
        export.SetAction(async (parse, cancellationToken) =>
        {
            using var channel = GrpcChannel.ForAddress(connection.GatewayUri(parse));
            var client = new SchoolService.SchoolServiceClient(channel);
            var result = await client.ExportStudentRecordsAsync(
                new ExportStudentRecordsRequest { StudentId = parse.GetValue(student)! },
                connection.CallOptions(parse, TimeSpan.FromMinutes(1))(cancellationToken));
            if (parse.GetValue(output) is { } file)
            {
                await File.WriteAllTextAsync(file.FullName, result.Json, cancellationToken);
                Console.Error.WriteLine($"Wrote the records of '{result.StudentId}' to {file.FullName}.");
            }
            else
            {
                Console.WriteLine(result.Json);
            }

            return 0;
        });
        return new Command("student", "A student's records.") { export };
    }
}
