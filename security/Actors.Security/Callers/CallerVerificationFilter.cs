using Actors.Contracts;
using Actors.Contracts.Errors;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;

namespace Actors.Security.Callers;

/// <summary>
/// The silo's check of every grain call that needs a caller (<see cref="CallerMethod.NeedsToken"/>): the token in the
/// request context (<see cref="CallerToken.RequestContextKey"/>) is verified (<see cref="CallerTokenVerifier"/>), and
/// the <see cref="Caller"/> arguments are replaced with the caller it vouches for, so whatever caller a client put in
/// the call raises no rights. A watch is checked when it starts and again at each of its polls (<see cref="CallerCall"/>). A user's token is accepted on the grains' public interfaces only; a service token only
/// for the grain it names. Anything else fails with <see cref="UnauthenticatedException"/> before the grain runs.
/// </summary>
/// <remarks>The source grain id of a call is not checked: an Orleans client can claim any, so only the token counts.</remarks>
public sealed partial class CallerVerificationFilter(CallerTokenVerifier verifier, ILogger<CallerVerificationFilter> logger) : IIncomingGrainCallFilter
{
    /// <summary>The one text callers get, whatever was wrong: the log has the reason.</summary>
    public const string RefusedMessage = "The grain call carries no token that vouches for its caller.";

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        // The start of a watch is checked as the grain method it invokes, and each of its polls needs a token (CallerCall).
        var call = CallerCall.Of(context.InterfaceMethod, context.Request);
        if (!call.Method.NeedsToken)
        {
            await context.Invoke();
            return;
        }

        var caller = await AuthenticateAsync(context, call.Method);
        foreach (var index in call.Method.CallerArguments)
        {
            // Never null here: a method that takes a caller is only let through with a token that vouches for one.
            call.Arguments.SetArgument(index, caller!);
        }

        await context.Invoke();
    }

    private async ValueTask<Caller?> AuthenticateAsync(IIncomingGrainCallContext context, CallerMethod method)
    {
        if (RequestContext.Get(CallerToken.RequestContextKey) is not string token)
        {
            throw Refuse(context, "no token in the request context");
        }

        var verified = await verifier.VerifyAsync(token) ?? throw Refuse(context, "the token is not valid (signature, issuer, audience, lifetime or claims)");
        if (verified.IsService)
        {
            if (!string.Equals(verified.ServiceGrain, context.TargetId.ToString(), StringComparison.Ordinal))
            {
                throw Refuse(context, $"a service token for grain '{verified.ServiceGrain}'");
            }

            if (method.CallerArguments.Count > 0 && verified.Caller is null)
            {
                throw Refuse(context, "a service token that vouches for no caller, on a method that takes one");
            }

            return verified.Caller;
        }

        return method.IsClusterInternal ? throw Refuse(context, $"{verified.Caller}'s own token, on a method only grains may call") : verified.Caller;
    }

    private UnauthenticatedException Refuse(IIncomingGrainCallContext context, string reason)
    {
        LogRefused(context.InterfaceName, context.MethodName, context.TargetId, reason);
        return new UnauthenticatedException(RefusedMessage);
    }

    // Never expected from the gateway or the grains: each one is worth an operator's look (a misconfigured key, or a client probing).
    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a call to {Interface}.{Method} of {Grain}: {Reason}")]
    private partial void LogRefused(string @interface, string method, GrainId grain, string reason);
}
