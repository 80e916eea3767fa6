using Actors.Contracts;
using Actors.Contracts.Documents;
using Actors.Contracts.Errors;
using Actors.Grains.Tenancy;

namespace Actors.Grains.Documents;

/// <summary>
/// Who may do what with a document — the whole rule in one place.
/// <list type="bullet">
/// <item>Another school's caller, anyone before the document is created, and a student erased from it
/// (<see cref="ErasedReaders"/>): <see cref="NotFoundException"/>, as for a missing id. Sharing with an erased student
/// by name: <see cref="NotFoundException"/> for the student.</item>
/// <item>Operators: refused.</item>
/// <item>Create: anyone of the school, for themself (they become the owner).</item>
/// <item>Read, list, watch, annotate: the owner, named readers, the school's administrators — decided here from
/// the document alone — and the teacher and members of classes it is shared with, which only those classes know
/// (<c>IClassMembershipSource.GrantsAccess</c>, remembered for a while by <see cref="ClassAccessCache"/>).</item>
/// <item>Change sharing: the owner and the school's administrators (<i>managers</i>).</item>
/// <item>Edit or delete an annotation: its author and the managers.</item>
/// </list>
/// Ownership and authorship are the school (the document's), the user id and the role together.
/// </summary>
internal static class DocumentAccess
{
    private const string Entity = "document";

    /// <summary>The school boundary, then existence.</summary>
    public static void Enter(DocumentState state, SchoolScopedKey key, Caller caller)
    {
        SchoolBoundary.Enter(caller, key, Entity);
        // A student erased from the document (their token may still be valid) finds it missing, as one of another school.
        if (!state.IsCreated || ErasedReaders.IsErasedCaller(state, caller))
        {
            throw SchoolBoundary.Missing(Entity, key);
        }
    }

    public static bool IsOwner(DocumentState state, SchoolScopedKey key, Caller caller)
        => caller.IsIn(key.SchoolId) && caller.UserId == state.OwnerId && (state.OwnerRole is null || state.OwnerRole == caller.Role);

    /// <summary>The owner and the school's administrators.</summary>
    public static bool IsManager(DocumentState state, SchoolScopedKey key, Caller caller) => IsOwner(state, key, caller) || caller.IsSchoolAdminOf(key.SchoolId);

    /// <summary>True when the document alone says the caller may read it: a manager or a named reader. Otherwise only a class can.</summary>
    public static bool ReadsDirectly(DocumentState state, SchoolScopedKey key, Caller caller)
        => IsManager(state, key, caller) || (caller.IsIn(key.SchoolId) && state.ReaderIds.Contains(caller.UserId));

    public static bool IsAuthor(Annotation annotation, Caller caller)
        => annotation.AuthorId == caller.UserId && (annotation.AuthorRole is null || annotation.AuthorRole == caller.Role);

    public static void RequireManager(DocumentState state, SchoolScopedKey key, Caller caller, string action)
    {
        if (!IsManager(state, key, caller))
        {
            throw new AccessDeniedException($"{caller} may not {action} document '{key.Id}': only its owner may.");
        }
    }

    public static void RequireAuthorOrManager(DocumentState state, SchoolScopedKey key, Caller caller, Annotation annotation, string action)
    {
        if (!IsManager(state, key, caller) && !IsAuthor(annotation, caller))
        {
            throw new AccessDeniedException($"{caller} may not {action} annotation '{annotation.Id}' of document '{key.Id}': only its author or the document's owner may.");
        }
    }

    public static AccessDeniedException Denied(SchoolScopedKey key, Caller caller, string action) => new($"{caller} may not {action} document '{key.Id}'.");
}
