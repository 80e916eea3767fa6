using Actors.Api.V1;
using Grpc.Net.Client;

namespace Actors.Gateway.Tests.Infrastructure;

/// <summary>Putting test users on their school's roster through a gateway, as the school's administrator would.</summary>
public static class Rostering
{
    /// <summary>Rosters <paramref name="user"/> (a student or a teacher) in their school, idempotently, and returns them.</summary>
    public static async Task<User> RosterAsync(this GrpcChannel channel, User user)
    {
        var role = user.Role == "teacher" ? SchoolRole.Teacher : SchoolRole.Student;
        await new SchoolService.SchoolServiceClient(channel).AddMemberAsync(
            new AddMemberRequest { UserId = user.Id, Role = role, DisplayName = $"{user.Role} {user.Id}" },
            User.Admin(user.School).Call);
        return user;
    }
}
