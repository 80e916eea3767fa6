using Actors.Contracts;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Net.Http.Headers;

namespace Actors.Gateway.Auth;

/// <summary>
/// Hands the caller's bearer token, already verified by authentication, to every grain call the service method makes:
/// it goes in the Orleans request context (<see cref="CallerToken.RequestContextKey"/>), which is async-local and
/// travels with each call, and the silos take the caller from it rather than from the <see cref="Caller"/> argument.
/// </summary>
internal sealed class CallerTokenInterceptor : Interceptor
{
    private const string BearerPrefix = "Bearer ";

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        SetCallerToken(context);
        return await continuation(request, context);
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        SetCallerToken(context);
        await continuation(request, responseStream, context);
    }

    // Called inside the async handlers above: the value reaches the continuation's grain calls and ends with the call.
    private static void SetCallerToken(ServerCallContext context)
    {
        var http = context.GetHttpContext();
        if (http.User.Identity?.IsAuthenticated != true)
        {
            // Health and reflection: anonymous, and they make no grain calls.
            return;
        }

        var authorization = http.Request.Headers[HeaderNames.Authorization].ToString();
        if (authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            Orleans.Runtime.RequestContext.Set(CallerToken.RequestContextKey, authorization[BearerPrefix.Length..].Trim());
        }
    }
}
