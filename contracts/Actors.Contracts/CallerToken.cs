namespace Actors.Contracts;

/// <summary>
/// Where the token that vouches for a grain call travels: the Orleans <c>RequestContext</c>, under
/// <see cref="RequestContextKey"/>. A <see cref="Caller"/> argument is only the caller's word; the silos take the
/// identity from this token instead (docs/operations.md, "Trust boundary"). The gateway sets the caller's bearer token;
/// a silo sets a service token of its own on every call a grain makes.
/// </summary>
public static class CallerToken
{
    /// <summary>The request context key of the token (a JWT in compact form).</summary>
    public const string RequestContextKey = "actors-caller-token";
}
