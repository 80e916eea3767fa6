using Actors.Contracts;
using Actors.Contracts.Errors;
using Actors.Contracts.Students;
using Actors.Grains.Persistence;
using Actors.Grains.Validation;

namespace Actors.Grains.Students;

/// <summary>The rules of a student's reflections and whom they are shared with.</summary>
internal static class StudentReflections
{
    public static Outcome<StudentState, Reflection> Write(StudentState state, string reflectionId, ReflectionDraft? draft, DateTimeOffset now)
    {
        Validator.NotNull(draft, "draft");
        new Validator()
            .Id("reflectionId", reflectionId)
            .LongText("draft.text", draft.Text, DomainLimits.ReflectionLength)
            .Defined("draft.subject", draft.Subject)
            .Id("draft.subjectId", draft.SubjectId)
            .ThrowIfInvalid();

        var subjectExists = draft.Subject == ReflectionSubject.Goal
            ? state.Goals.Exists(g => g.Id == draft.SubjectId)
            : state.Activities.Exists(a => a.Id == draft.SubjectId);
        if (!subjectExists)
        {
            throw new ValidationException("draft.subjectId", $"the student has no {draft.Subject.ToString().ToLowerInvariant()} '{draft.SubjectId}' to reflect on.");
        }

        var index = state.Reflections.FindIndex(r => r.Id == reflectionId);
        if (index < 0)
        {
            Limits.RoomForOneMore(state.Reflections.Count, DomainLimits.ItemsPerStudent, "the student's reflections");
            var reflection = new Reflection { Id = reflectionId, Text = draft.Text, Subject = draft.Subject, SubjectId = draft.SubjectId, WrittenAt = now };
            return new(state with { Reflections = state.Reflections.Add(reflection) }, reflection);
        }

        // Writing an existing id rewrites it: a retry changes nothing; an edit keeps its shares.
        var current = state.Reflections[index];
        return current.Text == draft.Text && current.Subject == draft.Subject && current.SubjectId == draft.SubjectId
            ? new(state, current)
            : Replace(state, index, current with { Text = draft.Text, Subject = draft.Subject, SubjectId = draft.SubjectId, EditedAt = now });
    }

    public static Outcome<StudentState, Reflection> Share(StudentState state, string reflectionId, string classId)
    {
        new Validator().Id("reflectionId", reflectionId).Id("classId", classId).ThrowIfInvalid();
        var (reflection, index) = Find(state, reflectionId);
        if (!state.Classes.Exists(c => c.ClassId == classId && c.State == MembershipState.Active))
        {
            throw new ConflictException($"The student is not in class '{classId}'; reflections can only be shared with the student's own (active) classes.");
        }

        return reflection.SharedWithClassIds.Contains(classId)
            ? new(state, reflection)
            : Replace(state, index, reflection with { SharedWithClassIds = [.. reflection.SharedWithClassIds, classId] });
    }

    public static Outcome<StudentState, Reflection> Unshare(StudentState state, string reflectionId, string classId)
    {
        new Validator().Id("reflectionId", reflectionId).Id("classId", classId).ThrowIfInvalid();
        var (reflection, index) = Find(state, reflectionId);
        return reflection.SharedWithClassIds.Contains(classId)
            ? Replace(state, index, reflection with { SharedWithClassIds = [.. reflection.SharedWithClassIds.Where(c => c != classId)] })
            : new(state, reflection);
    }

    /// <summary>A class the student left takes its shares with it: a later re-enrollment must not reveal them again.</summary>
    public static StudentState ForgetClass(StudentState state, string classId)
    {
        var reflections = state.Reflections;
        for (var i = 0; i < reflections.Count; i++)
        {
            if (reflections[i].SharedWithClassIds.Contains(classId))
            {
                reflections = reflections.SetItem(i, reflections[i] with { SharedWithClassIds = [.. reflections[i].SharedWithClassIds.Where(c => c != classId)] });
            }
        }

        return ReferenceEquals(reflections, state.Reflections) ? state : state with { Reflections = reflections };
    }

    private static (Reflection Reflection, int Index) Find(StudentState state, string reflectionId)
    {
        var index = state.Reflections.IndexOrNotFound(r => r.Id == reflectionId, "reflection", reflectionId);
        return (state.Reflections[index], index);
    }

    private static Outcome<StudentState, Reflection> Replace(StudentState state, int index, Reflection reflection)
        => new(state with { Reflections = state.Reflections.SetItem(index, reflection) }, reflection);
}
