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
            ? state.Goals.ContainsKey(draft.SubjectId)
            : state.Activities.ContainsKey(draft.SubjectId);
        if (!subjectExists)
        {
            throw new ValidationException("draft.subjectId", $"the student has no {draft.Subject.ToString().ToLowerInvariant()} '{draft.SubjectId}' to reflect on.");
        }

        if (!state.Reflections.TryGetValue(reflectionId, out var current))
        {
            Limits.RoomForOneMore(state.Reflections.Count, DomainLimits.ItemsPerStudent, "the student's reflections");
            var reflection = new Reflection { Id = reflectionId, Text = draft.Text, Subject = draft.Subject, SubjectId = draft.SubjectId, WrittenAt = now };
            return new(state with { Reflections = state.Reflections.Add(reflectionId, reflection) }, reflection);
        }

        // Writing an existing id rewrites it: a retry changes nothing; an edit keeps its shares.
        return current.Text == draft.Text && current.Subject == draft.Subject && current.SubjectId == draft.SubjectId
            ? new(state, current)
            : Replace(state, current with { Text = draft.Text, Subject = draft.Subject, SubjectId = draft.SubjectId, EditedAt = now });
    }

    public static Outcome<StudentState, Reflection> Share(StudentState state, string reflectionId, string classId)
    {
        new Validator().Id("reflectionId", reflectionId).Id("classId", classId).ThrowIfInvalid();
        var reflection = Find(state, reflectionId);
        if (!state.Classes.Exists(c => c.ClassId == classId && c.State == MembershipState.Active))
        {
            throw new ConflictException($"The student is not in class '{classId}'; reflections can only be shared with the student's own (active) classes.");
        }

        return reflection.SharedWithClassIds.Contains(classId)
            ? new(state, reflection)
            : Replace(state, reflection with { SharedWithClassIds = [.. reflection.SharedWithClassIds, classId] });
    }

    public static Outcome<StudentState, Reflection> Unshare(StudentState state, string reflectionId, string classId)
    {
        new Validator().Id("reflectionId", reflectionId).Id("classId", classId).ThrowIfInvalid();
        var reflection = Find(state, reflectionId);
        return reflection.SharedWithClassIds.Contains(classId)
            ? Replace(state, reflection with { SharedWithClassIds = [.. reflection.SharedWithClassIds.Where(c => c != classId)] })
            : new(state, reflection);
    }

    /// <summary>A class the student left takes its shares with it: a later re-enrollment must not reveal them again.</summary>
    public static StudentState ForgetClass(StudentState state, string classId)
    {
        var reflections = state.Reflections;
        foreach (var (id, reflection) in state.Reflections)
        {
            if (reflection.SharedWithClassIds.Contains(classId))
            {
                reflections = reflections.SetItem(id, reflection with { SharedWithClassIds = [.. reflection.SharedWithClassIds.Where(c => c != classId)] });
            }
        }

        return ReferenceEquals(reflections, state.Reflections) ? state : state with { Reflections = reflections };
    }

    private static Reflection Find(StudentState state, string reflectionId) => state.Reflections.GetOrNotFound(reflectionId, "reflection");

    /// <summary>The reflection replaced by a new object (items are immutable: storage writes the ones that are new).</summary>
    private static Outcome<StudentState, Reflection> Replace(StudentState state, Reflection reflection)
        => new(state with { Reflections = state.Reflections.SetItem(reflection.Id, reflection) }, reflection);
}
