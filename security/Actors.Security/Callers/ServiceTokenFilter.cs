using Actors.Contracts;
using Orleans;
using Orleans.Runtime;

namespace Actors.Security.Callers;

/// <summary>
/// A silo's side of calls its grains make (and any other code in the silo): each call to a method that needs a caller
/// carries a service token (<see cref="ServiceTokens"/>) that vouches for the caller the grain passed, in place of the
/// token the grain's own request carried. Grains act on behalf of others (a class reads a document as its teacher
/// while a student joins) and with no request at all (timers, background reconciliation), so the originating user's
/// token cannot be what the next grain checks; the silo's word, which only silos can give, is.
/// </summary>
public sealed class ServiceTokenFilter(ServiceTokens tokens) : IOutgoingGrainCallFilter
{
    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        var (method, arguments) = CallerCall.Of(context.InterfaceMethod, context.Request);
        if (method.NeedsToken)
        {
            var caller = method.CallerArguments.Count > 0 ? arguments.GetArgument(method.CallerArguments[0]) as Caller : null;

            // Set inside this async method: the change flows into the call sent below, and is undone for the grain
            // when this method returns (an async method restores its caller's execution context).
            RequestContext.Set(CallerToken.RequestContextKey, tokens.Mint(context.TargetId.ToString(), caller));
        }

        await context.Invoke();
    }
}
