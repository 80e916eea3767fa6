using System.Collections.Concurrent;
using Actors.Api.Client;
using Actors.Api.V1;
using Actors.Testing;
using Grpc.Core;
using Grpc.Net.Client;

namespace Actors.Fault.Tests.Infrastructure;

/// <summary>
/// A browser or app as the gateway sees it: gRPC calls as the student they concern, each with a deadline of
/// <see cref="CallDeadline"/>. A call that fails is a failure the user would see.
/// </summary>
internal sealed class GatewayClient : IDisposable
{
    /// <summary>
    /// Each call's deadline: an app's patience for one save. Long enough for the gateway to wait out one lost attempt
    /// (its Orleans <c>ResponseTimeout</c>) and retry; a call failing within it is a failure the gateway owed a retry.
    /// </summary>
    public static readonly TimeSpan CallDeadline = TimeSpan.FromSeconds(20);

    private readonly GrpcChannel _channel;
    private readonly StudentService.StudentServiceClient _students;
    private readonly SchoolService.SchoolServiceClient _schools;
    private readonly Actors.Security.Development.DevSigningKey _signingKey;
    private readonly ConcurrentDictionary<string, string> _tokens = new();

    public GatewayClient(GatewayProcess gateway)
    {
        _channel = GrpcChannel.ForAddress(gateway.GrpcAddress);
        _students = new StudentService.StudentServiceClient(_channel);
        _schools = new SchoolService.SchoolServiceClient(_channel);
        _signingKey = gateway.SigningKey;
    }

    /// <summary>Creates goal <paramref name="goalId"/> (idempotent under its id) as student <paramref name="studentId"/>.</summary>
    public Task CreateGoalAsync(string studentId, string goalId, CancellationToken cancellationToken)
        => _students.CreateGoalAsync(new CreateGoalRequest { StudentId = studentId, GoalId = goalId, Title = $"Goal {goalId}" }, Options(studentId, cancellationToken)).ResponseAsync;

    /// <summary>Reads student <paramref name="studentId"/>'s goals: a call that only its grain can answer.</summary>
    public Task ListGoalsAsync(string studentId, CancellationToken cancellationToken)
        => _students.ListGoalsAsync(new ListGoalsRequest { StudentId = studentId }, Options(studentId, cancellationToken)).ResponseAsync;

    /// <summary>Puts the students on <see cref="FaultSchool"/>'s roster, as its administrator (idempotent).</summary>
    public async Task RosterAsync(IReadOnlyList<string> studentIds)
    {
        var admin = Bearer.Options(_signingKey.Mint(FaultSchool.Id, "admin", "school_admin"), DateTime.UtcNow + CallDeadline);
        foreach (var id in studentIds)
        {
            await _schools.AddMemberAsync(new AddMemberRequest { UserId = id, Role = SchoolRole.Student, DisplayName = $"Student {id}" }, admin);
        }
    }

    /// <summary>A steady load of goal creations through the gateway.</summary>
    public WriteLoad Load() => new(CreateGoalAsync, RosterAsync, IsBug);

    public void Dispose() => _channel.Dispose();

    /// <summary>Statuses that say the request itself was wrong: a mistake of the test, never a fault to ride out.</summary>
    private static bool IsBug(Exception e) => e is RpcException
    {
        StatusCode: StatusCode.InvalidArgument or StatusCode.PermissionDenied or StatusCode.Unauthenticated or StatusCode.NotFound
            or StatusCode.FailedPrecondition or StatusCode.AlreadyExists or StatusCode.Unimplemented,
    };

    private CallOptions Options(string studentId, CancellationToken cancellationToken)
        => Bearer.Options(_tokens.GetOrAdd(studentId, id => _signingKey.Mint(FaultSchool.Id, id, "student")), DateTime.UtcNow + CallDeadline, cancellationToken);
}
