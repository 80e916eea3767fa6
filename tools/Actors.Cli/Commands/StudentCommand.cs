using System.CommandLine;
using Actors.Api.V1;
using Grpc.Net.Client;

namespace Actors.Cli.Commands;

/// <summary>
/// <c>actors student export|audit|erase --school ID --student ID</c>: a student's records as the school's administrator.
/// <c>export [--out FILE]</c> writes everything stored about them as one JSON document (recorded in their audit trail);
/// <c>audit</c> lists who read their records and when, one line per read, also after an erasure; <c>erase</c> erases
/// them (idempotent: erasing again succeeds).
/// </summary>
internal static class StudentCommand
{
    public static Command Create(TextWriter output)
    {
        // One connection per command: each gets options of its own.
        return new Command("student", "A student's records.") { Export(new AdminConnection(), output), Audit(new AdminConnection(), output), Erase(new AdminConnection()) };
    }

    private static Option<string> StudentOption() => new("--student") { Description = "The student's id in the school", Required = true };

    private static Command Export(AdminConnection connection, TextWriter standardOutput)
    {
        var student = StudentOption();
        var outFile = new Option<FileInfo?>("--out") { Description = "Write the JSON here instead of to standard output" };
        var export = new Command("export", "Export everything stored about one student as one JSON document (school admins; audited).") { student, outFile };
        connection.AddTo(export);
        export.SetAction(async (parse, cancellationToken) =>
        {
            using var channel = GrpcChannel.ForAddress(connection.GatewayUri(parse));
            var client = new SchoolService.SchoolServiceClient(channel);
            var result = await client.ExportStudentRecordsAsync(
                new ExportStudentRecordsRequest { StudentId = parse.GetValue(student)! },
                connection.CallOptions(parse, TimeSpan.FromMinutes(1))(cancellationToken));
            if (parse.GetValue(outFile) is { } file)
            {
                await File.WriteAllTextAsync(file.FullName, result.Json, cancellationToken);
                Console.Error.WriteLine($"Wrote the records of '{result.StudentId}' to {file.FullName}.");
            }
            else
            {
                await standardOutput.WriteLineAsync(result.Json);
            }

            return 0;
        });
        return export;
    }

    private static Command Audit(AdminConnection connection, TextWriter output)
    {
        var student = StudentOption();
        var audit = new Command("audit", "List who read one student's records, oldest first: time, role, user, method (school admins; also after an erasure).") { student };
        connection.AddTo(audit);
        audit.SetAction(async (parse, cancellationToken) =>
        {
            using var channel = GrpcChannel.ForAddress(connection.GatewayUri(parse));
            var client = new SchoolService.SchoolServiceClient(channel);
            var options = connection.CallOptions(parse, TimeSpan.FromSeconds(30));
            var token = "";
            do
            {
                var page = await client.ListAuditEventsAsync(
                    new ListAuditEventsRequest { StudentId = parse.GetValue(student)!, PageSize = 500, PageToken = token },
                    options(cancellationToken));
                foreach (var e in page.Events)
                {
                    await output.WriteLineAsync($"{e.Time.ToDateTimeOffset():yyyy-MM-ddTHH:mm:ss.ffffffZ}\t{e.ActorRole}\t{e.ActorId}\t{e.Action}");
                }

                token = page.NextPageToken;
            }
            while (token.Length > 0);
            return 0;
        });
        return audit;
    }

    private static Command Erase(AdminConnection connection)
    {
        var student = StudentOption();
        var erase = new Command("erase", "Erase one student: off the roster, their records and their work in classes and documents gone; the audit trail stays (school admins; idempotent).") { student };
        connection.AddTo(erase);
        erase.SetAction(async (parse, cancellationToken) =>
        {
            using var channel = GrpcChannel.ForAddress(connection.GatewayUri(parse));
            var client = new SchoolService.SchoolServiceClient(channel);
            await client.EraseStudentAsync(new EraseStudentRequest { StudentId = parse.GetValue(student)! }, connection.CallOptions(parse, TimeSpan.FromMinutes(2))(cancellationToken));
            Console.Error.WriteLine($"Erased student '{parse.GetValue(student)}'.");
            return 0;
        });
        return erase;
    }
}
