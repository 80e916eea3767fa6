using Actors.Api.V1;
using Actors.Contracts.Classes;
using Actors.Contracts.Errors;
using Actors.Contracts.Teachers;
using Actors.Gateway.Auth;
using Actors.Gateway.Mapping;
using Actors.Gateway.Resilience;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Assignment = Actors.Api.V1.Assignment;
using RosterEntry = Actors.Api.V1.RosterEntry;
using StudentWork = Actors.Api.V1.StudentWork;

namespace Actors.Gateway.Services;

/// <summary>
/// <c>actors.v1.ClassService</c> on <see cref="IClassGrain"/>, in the caller's school. Every method but
/// <see cref="RotateJoinCode"/> is idempotent (client ids, idempotent roster changes, status moves that are no-ops
/// when repeated), so they are retried on silo loss; the class grain checks who may do what (<c>ClassAccess</c>).
/// </summary>
internal sealed class ClassApi(GrainCalls grains) : ClassService.ClassServiceBase
{
    public override async Task<Class> CreateClass(CreateClassRequest request, ServerCallContext context)
    {
        var (@class, caller) = Class(request.ClassId, context);
        var draft = request.ToDraft();
        var details = await grains.Idempotent(ct => @class.Create(caller, draft, ct), context.CancellationToken);
        return details.ToProto();
    }

    public override async Task<Class> GetClass(GetClassRequest request, ServerCallContext context)
    {
        var (@class, caller) = Class(request.ClassId, context);
        var details = await grains.Idempotent(ct => @class.GetDetails(caller, ct), context.CancellationToken);
        return details.ToProto();
    }

    public override async Task<ListTeacherClassesResponse> ListTeacherClasses(ListTeacherClassesRequest request, ServerCallContext context)
    {
        var caller = context.Caller();
        var teacherId = request.HasTeacherId && request.TeacherId.Length > 0
            ? request.TeacherId
            : caller.Role == Contracts.CallerRole.SchoolAdmin
                ? throw new ValidationException("teacher_id", "is required when a school administrator lists a teacher's classes.")
                : caller.UserId;
        var teacher = grains.Client.GetGrain<ITeacherGrain>(ResourceIds.Key(caller, teacherId, "teacher_id"));
        var size = Paging.Size(request.PageSize);
        var after = Paging.KeyAfter(request.PageToken);
        if (after is not null && !Contracts.GrainKeys.IsValidId(after))
        {
            throw new ValidationException("page_token", "is not a token this list returned.");
        }

        var page = await grains.Idempotent(ct => teacher.ListClasses(caller, after, size, ct), context.CancellationToken);
        return new ListTeacherClassesResponse
        {
            Classes = { page.Classes.Select(c => c.ToProto(teacherId)) },
            NextPageToken = page.HasMore && page.Classes.Count > 0 ? Paging.TokenAfter(page.Classes[^1].ClassId) : "",
        };
    }

    public override async Task<RosterEntry> EnrollStudent(RosterChangeRequest request, ServerCallContext context)
    {
        var (@class, caller) = Class(request.ClassId, context);
        var studentId = ResourceIds.Require(request.StudentId, "student_id");
        var details = await grains.Idempotent(ct => @class.Enroll(caller, studentId, ct), context.CancellationToken);
        return details.Roster.Single(e => e.StudentId == studentId).ToProto();
    }

    public override async Task<Empty> RemoveStudent(RosterChangeRequest request, ServerCallContext context)
    {
        var (@class, caller) = Class(request.ClassId, context);
        var studentId = ResourceIds.Require(request.StudentId, "student_id");
        await grains.Idempotent(ct => @class.Remove(caller, studentId, ct), context.CancellationToken);
        return new Empty();
    }

    public override async Task<RosterEntry> AcceptInvitation(ClassInvitationRequest request, ServerCallContext context)
    {
        var (@class, caller) = Class(request.ClassId, context);
        var details = await grains.Idempotent(ct => @class.AcceptInvitation(caller, ct), context.CancellationToken);
        return details.Roster.Single(e => e.StudentId == caller.UserId).ToProto();
    }

    public override async Task<Empty> DeclineInvitation(ClassInvitationRequest request, ServerCallContext context)
    {
        var (@class, caller) = Class(request.ClassId, context);
        await grains.Idempotent(ct => @class.DeclineInvitation(caller, ct), context.CancellationToken);
        return new Empty();
    }

    public override async Task<RosterEntry> JoinClass(JoinClassRequest request, ServerCallContext context)
    {
        var (@class, caller) = Class(request.ClassId, context);
        var details = await grains.Idempotent(ct => @class.Join(caller, request.JoinCode, ct), context.CancellationToken);
        return details.Roster.Single(e => e.StudentId == caller.UserId).ToProto();
    }

    public override async Task<ClassJoinCode> GetJoinCode(GetJoinCodeRequest request, ServerCallContext context)
    {
        var (@class, caller) = Class(request.ClassId, context);
        var code = await grains.Idempotent(ct => @class.GetJoinCode(caller, ct), context.CancellationToken);
        return new ClassJoinCode { ClassId = request.ClassId, JoinCode = code };
    }

    public override async Task<ClassJoinCode> RotateJoinCode(RotateJoinCodeRequest request, ServerCallContext context)
    {
        var (@class, caller) = Class(request.ClassId, context);

        // Not retried: a repeat would replace the code the first attempt already handed out.
        var code = await @class.RotateJoinCode(caller, context.CancellationToken);
        return new ClassJoinCode { ClassId = request.ClassId, JoinCode = code };
    }

    public override async Task<ListRosterResponse> ListRoster(ListRosterRequest request, ServerCallContext context)
    {
        var (@class, caller) = Class(request.ClassId, context);
        var details = await grains.Idempotent(ct => @class.GetDetails(caller, ct), context.CancellationToken);
        var page = Paging.Take(details.Roster, static e => e.StudentId, ClassMapping.ToProto, request.PageSize, request.PageToken);
        return new ListRosterResponse { Entries = { page.Items }, NextPageToken = page.NextPageToken };
    }

    public override async Task<Assignment> AssignDocument(AssignDocumentRequest request, ServerCallContext context)
    {
        var (@class, caller) = Class(request.ClassId, context);
        var draft = request.ToDraft();
        var assignment = await grains.Idempotent(ct => @class.AssignDocument(caller, request.AssignmentId, draft, ct), context.CancellationToken);
        return assignment.ToProto();
    }

    public override async Task<ListAssignmentsResponse> ListAssignments(ListAssignmentsRequest request, ServerCallContext context)
    {
        var (@class, caller) = Class(request.ClassId, context);
        var details = await grains.Idempotent(ct => @class.GetDetails(caller, ct), context.CancellationToken);
        var page = Paging.Take(details.Assignments, static a => a.AssignmentId, ClassMapping.ToProto, request.PageSize, request.PageToken);
        return new ListAssignmentsResponse { Assignments = { page.Items }, NextPageToken = page.NextPageToken };
    }

    public override async Task<ListSubmissionsResponse> ListSubmissions(ListSubmissionsRequest request, ServerCallContext context)
    {
        var (@class, caller) = Class(request.ClassId, context);
        var work = await grains.Idempotent(ct => @class.GetSubmissions(caller, request.AssignmentId, ct), context.CancellationToken);
        var page = Paging.Take(work, static w => w.StudentId, ClassMapping.ToProto, request.PageSize, request.PageToken);
        return new ListSubmissionsResponse { Work = { page.Items }, NextPageToken = page.NextPageToken };
    }

    public override async Task<StudentWork> SetSubmissionStatus(SetSubmissionStatusRequest request, ServerCallContext context)
    {
        var (@class, caller) = Class(request.ClassId, context);
        var status = ClassMapping.ToDomain(request.Status);
        var work = await grains.Idempotent(ct => @class.SetSubmissionStatus(caller, request.AssignmentId, request.StudentId, status, ct), context.CancellationToken);
        return work.ToProto();
    }

    private (IClassGrain Class, Contracts.Caller Caller) Class(string classId, ServerCallContext context)
    {
        var caller = context.Caller();
        return (grains.Client.GetGrain<IClassGrain>(ResourceIds.Key(caller, classId, "class_id")), caller);
    }
}
