using Actors.Contracts.Errors;
using Domain = Actors.Contracts.Classes;
using Proto = Actors.Api.V1;

namespace Actors.Gateway.Mapping;

/// <summary>Class messages to and from the domain's records.</summary>
internal static class ClassMapping
{
    /// <summary>The class without its roster and assignments, which have list methods of their own (they can outgrow a message).</summary>
    public static Proto.Class ToProto(this Domain.ClassDetails details)
        => new()
        {
            ClassId = details.ClassId,
            Title = details.Title,
            TeacherId = details.TeacherId,
            CreateTime = details.CreatedAt.ToProto(),
            StudentCount = details.Roster.Count,
            AssignmentCount = details.Assignments.Count,
        };

    public static Proto.ClassSummary ToProto(this Actors.Contracts.Teachers.TaughtClass taught, string teacherId)
        => new() { ClassId = taught.ClassId, Title = taught.Title, TeacherId = teacherId, CreateTime = taught.CreatedAt.ToProto() };

    public static Domain.ClassDraft ToDraft(this Proto.CreateClassRequest request)
        => new(request.Title, request.HasTeacherId && request.TeacherId.Length > 0 ? request.TeacherId : null);

    public static Proto.RosterEntry ToProto(this Domain.RosterEntry entry)
        => new()
        {
            StudentId = entry.StudentId,
            State = entry.State switch
            {
                Domain.RosterState.Joining => Proto.RosterState.Joining,
                Domain.RosterState.Active => Proto.RosterState.Active,
                Domain.RosterState.Leaving => Proto.RosterState.Leaving,
                Domain.RosterState.Inviting => Proto.RosterState.Inviting,
                Domain.RosterState.Invited => Proto.RosterState.Invited,
                _ => Proto.RosterState.Unspecified,
            },
            EnrollTime = entry.EnrolledAt.ToProto(),
            Issue = entry.Issue?.ToProto(),
        };

    public static Proto.SyncIssue ToProto(this Domain.SyncIssue issue)
        => new() { Reason = issue.Reason, Refused = issue.Refused, SinceTime = issue.Since.ToProto() };

    public static Proto.Assignment ToProto(this Domain.Assignment assignment)
        => new()
        {
            AssignmentId = assignment.AssignmentId,
            DocumentId = assignment.DocumentId,
            Title = assignment.Title,
            DueTime = assignment.DueAt.ToProto(),
            AssignTime = assignment.AssignedAt.ToProto(),
            WorkCount = assignment.Work.Count,
            CopyIssues = { assignment.CopyIssues.Select(i => new Proto.CopyIssue { StudentId = i.StudentId, Issue = i.Issue.ToProto() }) },
        };

    public static Domain.AssignmentDraft ToDraft(this Proto.AssignDocumentRequest request)
        => new(request.DocumentId, Convert.ToDomain(request.DueTime, "due_time"), Convert.Optional(request.HasTitle, request.Title));

    public static Proto.StudentWork ToProto(this Domain.StudentWork work)
        => new()
        {
            StudentId = work.StudentId,
            CopyDocumentId = work.CopyDocumentId,
            Status = work.Status switch
            {
                Domain.SubmissionStatus.NotStarted => Proto.SubmissionStatus.NotStarted,
                Domain.SubmissionStatus.InProgress => Proto.SubmissionStatus.InProgress,
                Domain.SubmissionStatus.Submitted => Proto.SubmissionStatus.Submitted,
                Domain.SubmissionStatus.Returned => Proto.SubmissionStatus.Returned,
                _ => Proto.SubmissionStatus.Unspecified,
            },
            UpdateTime = work.UpdatedAt.ToProto(),
        };

    public static Domain.SubmissionStatus ToDomain(Proto.SubmissionStatus status) => status switch
    {
        Proto.SubmissionStatus.NotStarted => Domain.SubmissionStatus.NotStarted,
        Proto.SubmissionStatus.InProgress => Domain.SubmissionStatus.InProgress,
        Proto.SubmissionStatus.Submitted => Domain.SubmissionStatus.Submitted,
        Proto.SubmissionStatus.Returned => Domain.SubmissionStatus.Returned,
        _ => throw new ValidationException("status", "must be a SUBMISSION_STATUS other than UNSPECIFIED."),
    };
}
