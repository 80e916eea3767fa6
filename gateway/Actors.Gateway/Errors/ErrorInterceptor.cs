using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Actors.Gateway.Errors;

/// <summary>Turns every failure of a service method into a gRPC status through <see cref="GrpcErrors"/>.</summary>
internal sealed partial class ErrorInterceptor(ILogger<ErrorInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception e) when (e is not RpcException)
        {
            throw Translate(e, context);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception e) when (e is not RpcException)
        {
            throw Translate(e, context);
        }
    }

    private RpcException Translate(Exception exception, ServerCallContext context)
    {
        var (error, isServerFault) = GrpcErrors.ToRpcException(exception, context);
        if (isServerFault)
        {
            LogUnexpected(exception, context.Method);
        }
        else if (error.StatusCode == StatusCode.Unavailable)
        {
            LogUnavailable(context.Method, exception.GetType().Name, exception.Message);
        }

        return error;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} failed unexpectedly; the client got INTERNAL")]
    private partial void LogUnexpected(Exception exception, string method);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} failed with {ExceptionType} after retries; the client got UNAVAILABLE: {Reason}")]
    private partial void LogUnavailable(string method, string exceptionType, string reason);
}
