using System.CommandLine;
using Actors.Api.Client.Roster;
using Actors.Api.V1;
using Grpc.Net.Client;
using Spectre.Console;

namespace Actors.Cli.Commands;

/// <summary>
/// <c>actors roster import --school ID --users u.csv --classes c.csv --enrollments e.csv</c>: imports OneRoster CSV
/// files through the gateway as the school's administrator, with a progress bar, then prints every row that failed
/// (file and row number). Idempotent: running it again changes nothing, and finishes an interrupted import.
/// </summary>
internal static class RosterCommand
{
    public static Command Create()
    {
        var users = new Option<FileInfo?>("--users") { Description = "OneRoster users.csv (sourcedId, role, givenName, familyName, username)" };
        var classes = new Option<FileInfo?>("--classes") { Description = "OneRoster classes.csv (sourcedId, title)" };
        var enrollments = new Option<FileInfo?>("--enrollments") { Description = "OneRoster enrollments.csv (classSourcedId, userSourcedId, role)" };
        var batchSize = new Option<int>("--batch-size") { Description = "Rows per call (at most 1000)", DefaultValueFactory = _ => 200 };
        var connection = new AdminConnection();
        var import = new Command("import", "Import a OneRoster CSV roster into the school: users, then classes, then enrollments. Idempotent.") { users, classes, enrollments, batchSize };
        connection.AddTo(import);
        import.SetAction(async (parse, cancellationToken) =>
        {
            var files = new List<RosterCsvFile>();
            foreach (var (option, kind) in new[] { (users, RosterFile.Users), (classes, RosterFile.Classes), (enrollments, RosterFile.Enrollments) })
            {
                if (parse.GetValue(option) is { } file)
                {
                    files.Add(RosterCsv.Read(file.FullName, kind));
                }
            }

            if (files.Count == 0)
            {
                Console.Error.WriteLine("Nothing to import: give --users, --classes and/or --enrollments.");
                return 2;
            }

            using var channel = GrpcChannel.ForAddress(connection.GatewayUri(parse));
            var run = new RosterImport(new SchoolService.SchoolServiceClient(channel), connection.CallOptions(parse, TimeSpan.FromMinutes(2)))
            {
                BatchSize = parse.GetValue(batchSize),
            };
            RosterImportReport report = null!;
            await AnsiConsole.Progress().StartAsync(async context =>
            {
                var bars = files.ToDictionary(f => f.Name, f => context.AddTask(Markup.Escape(f.Name), autoStart: true, maxValue: Math.Max(1, f.Rows.Count)));
                var progress = new SynchronousProgress<RosterImportProgress>(p => bars[p.FileName].Value = p.RowsTotal == 0 ? 1 : p.RowsDone);
                report = await run.RunAsync(files, progress, cancellationToken);
            });

            Console.WriteLine($"{report.Applied} rows applied, {report.Unchanged} unchanged, {report.Errors.Count} failed.");
            foreach (var error in report.Errors)
            {
                Console.WriteLine(error);
            }

            return report.Errors.Count == 0 ? 0 : 1;
        });
        return new Command("roster", "A school's roster.") { import };
    }

    /// <summary>Reports on the caller's thread (<see cref="Progress{T}"/> would post to the thread pool, out of order).</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
