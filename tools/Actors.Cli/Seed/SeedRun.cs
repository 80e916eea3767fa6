using Actors.Api.Client;
using Actors.Api.V1;
using Grpc.Core;
using Grpc.Net.Client;

namespace Actors.Cli.Seed;

/// <summary>
/// Puts <see cref="DemoSchools"/> into a running system through the gateway's public API, as each school's
/// administrator and teacher would. Every call is idempotent, so seeding again (on every start of
/// scripts/run-local.sh) changes nothing that is already there.
/// </summary>
internal sealed class SeedRun(Uri gateway, Func<string, string, string, string> mint, TextWriter output)
{
    /// <summary>How long to wait for the system to answer at all (the gateway may be up before any silo is).</summary>
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(90);

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        using var channel = GrpcChannel.ForAddress(gateway);
        var (schools, classes) = (new SchoolService.SchoolServiceClient(channel), new ClassService.ClassServiceClient(channel));
        foreach (var school in DemoSchools.All)
        {
            var asAdmin = Options(school.Id, school.AdminId, "school_admin", cancellationToken);
            var asTeacher = Options(school.Id, school.ClassTeacherId, "teacher", cancellationToken);
            await WhenReadyAsync(() => schools.ListMembersAsync(new ListMembersRequest { PageSize = 1 }, asAdmin).ResponseAsync, cancellationToken);
            foreach (var (id, name) in school.Teachers)
            {
                await schools.AddMemberAsync(new AddMemberRequest { UserId = id, Role = SchoolRole.Teacher, DisplayName = name }, asAdmin);
            }

            foreach (var (id, name) in school.Students)
            {
                await schools.AddMemberAsync(new AddMemberRequest { UserId = id, Role = SchoolRole.Student, DisplayName = name }, asAdmin);
            }

            await classes.CreateClassAsync(new CreateClassRequest { ClassId = school.ClassId, Title = school.ClassTitle, TeacherId = school.ClassTeacherId }, asAdmin);
            foreach (var (id, _) in school.Students.Take(3))
            {
                await classes.EnrollStudentAsync(new RosterChangeRequest { ClassId = school.ClassId, StudentId = id }, asAdmin);
            }

            await classes.EnrollStudentAsync(new RosterChangeRequest { ClassId = school.ClassId, StudentId = school.Students[3].Id }, asTeacher);
            var code = await classes.GetJoinCodeAsync(new GetJoinCodeRequest { ClassId = school.ClassId }, asTeacher);
            output.WriteLine(
                $"[seed] {school.Id} ({school.Name}): admin '{school.AdminId}', teachers {string.Join(", ", school.Teachers.Select(t => t.Id))}, "
                + $"students {string.Join(", ", school.Students.Select(s => s.Id))}; class '{school.ClassId}' (join code {code.JoinCode}) taught by {school.ClassTeacherId}");
        }
    }

    private static async Task WhenReadyAsync(Func<Task> probe, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + ReadyTimeout;
        while (true)
        {
            try
            {
                await probe();
                return;
            }
            catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.Internal && DateTime.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
    }

    private CallOptions Options(string school, string user, string role, CancellationToken cancellationToken)
        => Bearer.Options(mint(school, user, role), DateTime.UtcNow.AddMinutes(2), cancellationToken);
}
