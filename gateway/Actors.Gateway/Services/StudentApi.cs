using Actors.Api.V1;
using Actors.Contracts.Students;
using Actors.Gateway.Auth;
using Actors.Gateway.Mapping;
using Actors.Gateway.Resilience;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Goal = Actors.Api.V1.Goal;
using StudentProfile = Actors.Api.V1.StudentProfile;

namespace Actors.Gateway.Services;

/// <summary>
/// <c>actors.v1.StudentService</c> on <see cref="IStudentGrain"/>, in the caller's school. Every write but page views is
/// idempotent (client ids, sets, idempotent status moves), so it is retried on silo loss; a page view is retried only
/// when it carries a request id, which the student counts once.
/// </summary>
internal sealed class StudentApi(GrainCalls grains) : StudentService.StudentServiceBase
{
    public override async Task<StudentProfile> GetProfile(GetProfileRequest request, ServerCallContext context)
    {
        var (student, caller) = Student(request.StudentId, context);
        var profile = await grains.Idempotent(ct => student.GetProfile(caller, ct), context.CancellationToken);
        return profile.ToProto();
    }

    public override async Task<StudentProfile> UpdateProfile(UpdateProfileRequest request, ServerCallContext context)
    {
        var (student, caller) = Student(request.StudentId, context);
        var profile = StudentMapping.ToDomain(request.Profile);
        var saved = await grains.Idempotent(ct => student.UpdateProfile(caller, profile, ct), context.CancellationToken);
        return saved.ToProto();
    }

    public override async Task<Goal> CreateGoal(CreateGoalRequest request, ServerCallContext context)
    {
        var (student, caller) = Student(request.StudentId, context);
        var draft = request.ToDraft();
        var goal = await grains.Idempotent(ct => student.CreateGoal(caller, request.GoalId, draft, ct), context.CancellationToken);
        return goal.ToProto();
    }

    public override async Task<Goal> UpdateGoalProgress(UpdateGoalProgressRequest request, ServerCallContext context)
    {
        var (student, caller) = Student(request.StudentId, context);
        var goal = await grains.Idempotent(ct => student.UpdateGoalProgress(caller, request.GoalId, request.ProgressPercent, ct), context.CancellationToken);
        return goal.ToProto();
    }

    public override async Task<Goal> CompleteGoal(GoalRequest request, ServerCallContext context)
    {
        var (student, caller) = Student(request.StudentId, context);
        var goal = await grains.Idempotent(ct => student.CompleteGoal(caller, request.GoalId, ct), context.CancellationToken);
        return goal.ToProto();
    }

    public override async Task<Goal> ArchiveGoal(GoalRequest request, ServerCallContext context)
    {
        var (student, caller) = Student(request.StudentId, context);
        var goal = await grains.Idempotent(ct => student.ArchiveGoal(caller, request.GoalId, ct), context.CancellationToken);
        return goal.ToProto();
    }

    public override async Task<ListGoalsResponse> ListGoals(ListGoalsRequest request, ServerCallContext context)
    {
        var (student, caller) = Student(request.StudentId, context);
        var goals = await grains.Idempotent(ct => student.GetGoals(caller, ct), context.CancellationToken);
        var page = Paging.Take(goals, static g => g.Id, StudentMapping.ToProto, request.PageSize, request.PageToken);
        return new ListGoalsResponse { Goals = { page.Items }, NextPageToken = page.NextPageToken };
    }

    public override async Task<Api.V1.Activity> CommitToActivity(CommitToActivityRequest request, ServerCallContext context)
    {
        var (student, caller) = Student(request.StudentId, context);
        var draft = request.ToDraft();
        var activity = await grains.Idempotent(ct => student.CommitToActivity(caller, request.ActivityId, draft, ct), context.CancellationToken);
        return activity.ToProto();
    }

    public override async Task<Api.V1.Activity> LogHours(LogHoursRequest request, ServerCallContext context)
    {
        var (student, caller) = Student(request.StudentId, context);
        var entry = request.ToEntry();
        var activity = await grains.Idempotent(ct => student.LogHours(caller, request.ActivityId, entry, ct), context.CancellationToken);
        return activity.ToProto();
    }

    public override async Task<Api.V1.Activity> CompleteActivity(ActivityRequest request, ServerCallContext context)
    {
        var (student, caller) = Student(request.StudentId, context);
        var activity = await grains.Idempotent(ct => student.CompleteActivity(caller, request.ActivityId, ct), context.CancellationToken);
        return activity.ToProto();
    }

    public override async Task<ListActivitiesResponse> ListActivities(ListActivitiesRequest request, ServerCallContext context)
    {
        var (student, caller) = Student(request.StudentId, context);
        var activities = await grains.Idempotent(ct => student.GetActivities(caller, ct), context.CancellationToken);
        var page = Paging.Take(activities, static a => a.Id, StudentMapping.ToProto, request.PageSize, request.PageToken);
        return new ListActivitiesResponse { Activities = { page.Items }, NextPageToken = page.NextPageToken };
    }

    public override async Task<Api.V1.Reflection> WriteReflection(WriteReflectionRequest request, ServerCallContext context)
    {
        var (student, caller) = Student(request.StudentId, context);
        var draft = request.ToDraft();
        var reflection = await grains.Idempotent(ct => student.WriteReflection(caller, request.ReflectionId, draft, ct), context.CancellationToken);
        return reflection.ToProto();
    }

    public override async Task<Api.V1.Reflection> ShareReflection(ReflectionShareRequest request, ServerCallContext context)
    {
        var (student, caller) = Student(request.StudentId, context);
        var reflection = await grains.Idempotent(ct => student.ShareReflection(caller, request.ReflectionId, request.ClassId, ct), context.CancellationToken);
        return reflection.ToProto();
    }

    public override async Task<Api.V1.Reflection> UnshareReflection(ReflectionShareRequest request, ServerCallContext context)
    {
        var (student, caller) = Student(request.StudentId, context);
        var reflection = await grains.Idempotent(ct => student.UnshareReflection(caller, request.ReflectionId, request.ClassId, ct), context.CancellationToken);
        return reflection.ToProto();
    }

    public override async Task<ListReflectionsResponse> ListReflections(ListReflectionsRequest request, ServerCallContext context)
    {
        var (student, caller) = Student(request.StudentId, context);
        // The grain returns only what the caller may read: private reflections never leave the student.
        var reflections = await grains.Idempotent(ct => student.GetReflections(caller, ct), context.CancellationToken);
        var page = Paging.Take(reflections, static r => r.Id, StudentMapping.ToProto, request.PageSize, request.PageToken);
        return new ListReflectionsResponse { Reflections = { page.Items }, NextPageToken = page.NextPageToken };
    }

    public override async Task<Api.V1.Resume> GetResume(GetResumeRequest request, ServerCallContext context)
    {
        var (student, caller) = Student(request.StudentId, context);
        var resume = await grains.Idempotent(ct => student.GetResume(caller, ct), context.CancellationToken);
        return resume.ToProto();
    }

    public override async Task<ListStudentClassesResponse> ListClasses(ListStudentClassesRequest request, ServerCallContext context)
    {
        var (student, caller) = Student(request.StudentId, context);
        var classes = await grains.Idempotent(ct => student.GetClasses(caller, ct), context.CancellationToken);
        var page = Paging.Take(classes, static c => c.ClassId, StudentMapping.ToProto, request.PageSize, request.PageToken);
        return new ListStudentClassesResponse { Classes = { page.Items }, NextPageToken = page.NextPageToken };
    }

    public override async Task<Empty> RecordPageView(RecordPageViewRequest request, ServerCallContext context)
    {
        var (student, caller) = Student(request.StudentId, context);
        var requestId = ResourceIds.OptionalRequestId(request.RequestId, "request_id");

        // Without a request id a view the silo counted before it went away would be counted twice: not retried.
        if (requestId is null)
        {
            await student.RecordPageView(caller, request.Page, null, context.CancellationToken);
        }
        else
        {
            await grains.Idempotent(ct => student.RecordPageView(caller, request.Page, requestId, ct), context.CancellationToken);
        }

        return new Empty();
    }

    public override async Task<Api.V1.PageViewSummary> GetPageViews(GetPageViewsRequest request, ServerCallContext context)
    {
        var (student, caller) = Student(request.StudentId, context);
        var summary = await grains.Idempotent(ct => student.GetPageViews(caller, ct), context.CancellationToken);
        return summary.ToProto();
    }

    /// <summary>The caller's school's student a request addresses, once the id is well formed and the caller may use that student's space.</summary>
    private (IStudentGrain Student, Contracts.Caller Caller) Student(string studentId, ServerCallContext context)
    {
        var caller = context.Caller();
        var key = ResourceIds.Key(caller, studentId, "student_id");
        Access.RequireStudentSpace(caller, studentId);
        return (grains.Client.GetGrain<IStudentGrain>(key), caller);
    }
}
