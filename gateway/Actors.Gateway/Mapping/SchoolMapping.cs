using Actors.Contracts.Errors;
using Actors.Gateway.Auth;
using Domain = Actors.Contracts.Schools;
using Proto = Actors.Api.V1;

namespace Actors.Gateway.Mapping;

/// <summary>School roster messages to and from the domain's records.</summary>
internal static class SchoolMapping
{
    public static Proto.Member ToProto(this Domain.SchoolMember member)
        => new()
        {
            UserId = member.UserId,
            Role = member.Role == Domain.SchoolRole.Teacher ? Proto.SchoolRole.Teacher : Proto.SchoolRole.Student,
            DisplayName = member.DisplayName,
            State = member.State == Domain.MemberState.Active ? Proto.MemberState.Active : Proto.MemberState.Adding,
            AddTime = member.AddedAt.ToProto(),
        };

    public static Domain.SchoolMemberDraft ToDraft(this Proto.AddMemberRequest request)
        => new(ToDomain(request.Role) ?? throw new ValidationException("role", "must be SCHOOL_ROLE_STUDENT or SCHOOL_ROLE_TEACHER."), request.DisplayName);

    /// <summary>A role, or null for UNSPECIFIED (in a listing: every role).</summary>
    public static Domain.SchoolRole? ToDomain(Proto.SchoolRole role) => role switch
    {
        Proto.SchoolRole.Student => Domain.SchoolRole.Student,
        Proto.SchoolRole.Teacher => Domain.SchoolRole.Teacher,
        Proto.SchoolRole.Unspecified => null,
        _ => throw new ValidationException("role", "must be SCHOOL_ROLE_STUDENT or SCHOOL_ROLE_TEACHER."),
    };

    public static Domain.RosterFile ToDomain(Proto.RosterFile file) => file switch
    {
        Proto.RosterFile.Users => Domain.RosterFile.Users,
        Proto.RosterFile.Classes => Domain.RosterFile.Classes,
        Proto.RosterFile.Enrollments => Domain.RosterFile.Enrollments,
        _ => throw new ValidationException("file", "must be ROSTER_FILE_USERS, ROSTER_FILE_CLASSES or ROSTER_FILE_ENROLLMENTS."),
    };

    public static Domain.RosterRow ToDomain(this Proto.RosterRow row)
        => new(row.RowNumber, new Dictionary<string, string>(row.Fields, StringComparer.Ordinal));

    public static Proto.RosterRowResult ToProto(this Domain.RosterRowResult result)
        => new()
        {
            RowNumber = result.RowNumber,
            Outcome = result.Outcome switch
            {
                Domain.RosterRowOutcome.Applied => Proto.RosterRowOutcome.Applied,
                Domain.RosterRowOutcome.Unchanged => Proto.RosterRowOutcome.Unchanged,
                _ => Proto.RosterRowOutcome.Failed,
            },
            Error = result.Error ?? "",
        };

    public static Proto.AuditEvent ToProto(this Actors.Contracts.Audit.AuditEvent e)
        => new() { ActorId = e.ActorId, ActorRole = Claims.RoleName(e.ActorRole), Action = e.Action, Time = e.At.ToProto() };
}
