using Actors.Api.V1;
using Actors.Contracts;
using Actors.Contracts.Audit;
using Actors.Contracts.Errors;
using Actors.Contracts.Schools;
using Actors.Gateway.Auth;
using Actors.Gateway.Mapping;
using Actors.Gateway.Resilience;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Member = Actors.Api.V1.Member;
using StudentRecordExport = Actors.Api.V1.StudentRecordExport;

namespace Actors.Gateway.Services;

/// <summary>
/// <c>actors.v1.SchoolService</c> on <see cref="ISchoolGrain"/> — always the caller's own school (the token's school
/// claim): no request names a school. The school grain admits only the school's administrators (<c>SchoolAccess</c>).
/// Every method is idempotent, so all are retried on silo loss.
/// </summary>
internal sealed class SchoolApi(GrainCalls grains) : SchoolService.SchoolServiceBase
{
    public override async Task<Member> AddMember(AddMemberRequest request, ServerCallContext context)
    {
        var (school, caller) = School(context);
        var userId = ResourceIds.Require(request.UserId, "user_id");
        var draft = request.ToDraft();
        var member = await grains.Idempotent(ct => school.AddMember(caller, userId, draft, ct), context.CancellationToken);
        return member.ToProto();
    }

    public override async Task<Empty> RemoveMember(RemoveMemberRequest request, ServerCallContext context)
    {
        var (school, caller) = School(context);
        var userId = ResourceIds.Require(request.UserId, "user_id");
        await grains.Idempotent(ct => school.RemoveMember(caller, userId, ct), context.CancellationToken);
        return new Empty();
    }

    public override async Task<Member> GetMember(GetMemberRequest request, ServerCallContext context)
    {
        var (school, caller) = School(context);
        var userId = ResourceIds.Require(request.UserId, "user_id");
        var member = await grains.Idempotent(ct => school.GetMember(caller, userId, ct), context.CancellationToken);
        return member.ToProto();
    }

    public override async Task<ListMembersResponse> ListMembers(ListMembersRequest request, ServerCallContext context)
    {
        var (school, caller) = School(context);
        var role = SchoolMapping.ToDomain(request.Role);
        var size = Paging.Size(request.PageSize);
        var after = Paging.KeyAfter(request.PageToken);
        if (after is not null && !GrainKeys.IsValidId(after))
        {
            throw new ValidationException("page_token", "is not a token this list returned.");
        }

        var page = await grains.Idempotent(ct => school.ListMembers(caller, role, after, size, ct), context.CancellationToken);
        return new ListMembersResponse
        {
            Members = { page.Members.Select(SchoolMapping.ToProto) },
            NextPageToken = page.HasMore && page.Members.Count > 0 ? Paging.TokenAfter(page.Members[^1].UserId) : "",
        };
    }

    public override async Task<ImportRosterResponse> ImportRoster(ImportRosterRequest request, ServerCallContext context)
    {
        var (school, caller) = School(context);
        var file = SchoolMapping.ToDomain(request.File);
        var rows = request.Rows.Select(SchoolMapping.ToDomain).ToList();
        var results = await grains.Idempotent(ct => school.ImportRoster(caller, file, rows, ct), context.CancellationToken);
        return new ImportRosterResponse { Results = { results.Select(SchoolMapping.ToProto) } };
    }

    public override async Task<ListAuditEventsResponse> ListAuditEvents(ListAuditEventsRequest request, ServerCallContext context)
    {
        var (school, caller) = School(context);
        var studentId = ResourceIds.Require(request.StudentId, "student_id");
        var size = Paging.Size(request.PageSize);
        AuditCursor? after = null;
        if (Paging.KeyAfter(request.PageToken) is { } key)
        {
            after = AuditCursor.TryParse(key, out var cursor) ? cursor : throw new ValidationException("page_token", "is not a token this list returned.");
        }

        var page = await grains.Idempotent(ct => school.ListAuditEvents(caller, studentId, after, size, ct), context.CancellationToken);
        return new ListAuditEventsResponse
        {
            Events = { page.Events.Select(SchoolMapping.ToProto) },
            NextPageToken = page.HasMore && page.Events.Count > 0 ? Paging.TokenAfter(page.Events[^1].Cursor.ToString()) : "",
        };
    }

    public override async Task<StudentRecordExport> ExportStudentRecords(ExportStudentRecordsRequest request, ServerCallContext context)
    {
        var (school, caller) = School(context);
        var studentId = ResourceIds.Require(request.StudentId, "student_id");
        var export = await grains.Idempotent(ct => school.ExportStudentRecords(caller, studentId, ct), context.CancellationToken);
        return new StudentRecordExport { StudentId = studentId, Json = StudentRecordsJson.Write(export), ExportTime = export.ExportedAt.ToProto() };
    }

    public override async Task<Empty> EraseStudent(EraseStudentRequest request, ServerCallContext context)
    {
        var (school, caller) = School(context);
        var studentId = ResourceIds.Require(request.StudentId, "student_id");

        // Retried on silo loss: a repeat finishes an interrupted erasure (after a finished one it answers NOT_FOUND).
        await grains.Idempotent(ct => school.EraseStudent(caller, studentId, ct), context.CancellationToken);
        return new Empty();
    }

    private (ISchoolGrain School, Contracts.Caller Caller) School(ServerCallContext context)
    {
        var caller = context.Caller();
        return (grains.Client.GetGrain<ISchoolGrain>(caller.SchoolId), caller);
    }
}
