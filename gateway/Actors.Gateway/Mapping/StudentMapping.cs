using Actors.Contracts.Errors;
using Domain = Actors.Contracts.Students;
using Proto = Actors.Api.V1;

namespace Actors.Gateway.Mapping;

/// <summary>Student messages to and from the domain's records.</summary>
internal static class StudentMapping
{
    public static Proto.StudentProfile ToProto(this Domain.StudentProfile profile)
        => new() { Name = profile.Name, School = profile.School, YearLevel = profile.YearLevel };

    public static Domain.StudentProfile ToDomain(Proto.StudentProfile? profile)
        => profile is null
            ? throw new ValidationException("profile", "is required.")
            : new Domain.StudentProfile { Name = profile.Name, School = profile.School, YearLevel = profile.YearLevel };

    public static Proto.Goal ToProto(this Domain.Goal goal)
    {
        var proto = new Proto.Goal
        {
            GoalId = goal.Id,
            Title = goal.Title,
            Status = goal.Status switch
            {
                Domain.GoalStatus.Active => Proto.GoalStatus.Active,
                Domain.GoalStatus.Completed => Proto.GoalStatus.Completed,
                Domain.GoalStatus.Archived => Proto.GoalStatus.Archived,
                _ => Proto.GoalStatus.Unspecified,
            },
            ProgressPercent = goal.ProgressPercent,
            CreateTime = goal.CreatedAt.ToProto(),
            CompleteTime = goal.CompletedAt.ToProto(),
            ArchiveTime = goal.ArchivedAt.ToProto(),
        };
        if (goal.Description is { } description)
        {
            proto.Description = description;
        }

        if (goal.TargetDate is { } target)
        {
            proto.TargetDate = target.ToProto();
        }

        return proto;
    }

    public static Domain.GoalDraft ToDraft(this Proto.CreateGoalRequest request)
        => new(
            request.Title,
            Convert.Optional(request.HasDescription, request.Description),
            request.HasTargetDate ? Convert.ToDate(request.TargetDate, "target_date") : null);

    public static Proto.Activity ToProto(this Domain.Activity activity)
    {
        var proto = new Proto.Activity
        {
            ActivityId = activity.Id,
            Title = activity.Title,
            Status = activity.Status == Domain.ActivityStatus.Completed ? Proto.ActivityStatus.Completed : Proto.ActivityStatus.Committed,
            TotalHours = (double)activity.TotalHours,
            CommitTime = activity.CommittedAt.ToProto(),
            CompleteTime = activity.CompletedAt.ToProto(),
        };
        if (activity.Category is { } category)
        {
            proto.Category = category;
        }

        if (activity.Description is { } description)
        {
            proto.Description = description;
        }

        proto.Entries.AddRange(activity.Entries.Select(e => new Proto.HoursEntry { EntryId = e.EntryId, Hours = (double)e.Hours, On = e.On.ToProto() }));
        return proto;
    }

    public static Domain.ActivityDraft ToDraft(this Proto.CommitToActivityRequest request)
        => new(request.Title, Convert.Optional(request.HasCategory, request.Category), Convert.Optional(request.HasDescription, request.Description));

    public static Domain.HoursEntry ToEntry(this Proto.LogHoursRequest request)
        => new() { EntryId = request.EntryId, Hours = Convert.ToHours(request.Hours, "hours"), On = Convert.ToDate(request.On, "on") };

    public static Proto.Reflection ToProto(this Domain.Reflection reflection)
    {
        var proto = new Proto.Reflection
        {
            ReflectionId = reflection.Id,
            Text = reflection.Text,
            Subject = reflection.Subject == Domain.ReflectionSubject.Activity ? Proto.ReflectionSubject.Activity : Proto.ReflectionSubject.Goal,
            SubjectId = reflection.SubjectId,
            WriteTime = reflection.WrittenAt.ToProto(),
            EditTime = reflection.EditedAt.ToProto(),
        };
        proto.SharedWithClassIds.AddRange(reflection.SharedWithClassIds);
        return proto;
    }

    public static Domain.ReflectionDraft ToDraft(this Proto.WriteReflectionRequest request)
        => new(
            request.Text,
            request.Subject switch
            {
                Proto.ReflectionSubject.Goal => Domain.ReflectionSubject.Goal,
                Proto.ReflectionSubject.Activity => Domain.ReflectionSubject.Activity,
                _ => throw new ValidationException("subject", "must be REFLECTION_SUBJECT_GOAL or REFLECTION_SUBJECT_ACTIVITY."),
            },
            request.SubjectId);

    public static Proto.Resume ToProto(this Domain.Resume resume)
    {
        var proto = new Proto.Resume
        {
            StudentId = resume.StudentId,
            Profile = resume.Profile?.ToProto(),
            TotalHours = (double)resume.TotalHours,
        };
        proto.Goals.AddRange(resume.Goals.Select(g => new Proto.Resume.Types.CompletedGoal { Title = g.Title, CompleteTime = g.CompletedAt.ToProto() }));
        foreach (var a in resume.Activities)
        {
            var activity = new Proto.Resume.Types.CompletedActivity { Title = a.Title, Hours = (double)a.Hours, CompleteTime = a.CompletedAt.ToProto() };
            if (a.Category is { } category)
            {
                activity.Category = category;
            }

            proto.Activities.Add(activity);
        }

        return proto;
    }

    public static Proto.ClassMembership ToProto(this Domain.ClassMembership membership)
        => new()
        {
            ClassId = membership.ClassId,
            Title = membership.Title,
            TeacherId = membership.TeacherId,
            JoinTime = membership.JoinedAt.ToProto(),
            State = membership.State == Domain.MembershipState.Invited ? Proto.ClassMembershipState.Invited : Proto.ClassMembershipState.Active,
        };

    public static Proto.PageViewSummary ToProto(this Domain.PageViewSummary summary)
    {
        var proto = new Proto.PageViewSummary { Total = summary.Total, Durable = summary.Durable, Pending = summary.Pending };
        foreach (var (page, views) in summary.ByPage)
        {
            proto.ByPage[page] = views;
        }

        return proto;
    }
}
