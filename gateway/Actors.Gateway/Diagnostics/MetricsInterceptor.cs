using System.Diagnostics;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Actors.Gateway.Diagnostics;

/// <summary>Counts and times every call by its final gRPC status. Runs outside <see cref="Errors.ErrorInterceptor"/>, so it sees mapped statuses.</summary>
internal sealed class MetricsInterceptor(GatewayMetrics metrics) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        var started = Stopwatch.GetTimestamp();
        var code = StatusCode.Unknown;
        try
        {
            var response = await continuation(request, context);
            code = StatusCode.OK;
            return response;
        }
        catch (RpcException e)
        {
            code = e.StatusCode;
            throw;
        }
        finally
        {
            metrics.CallFinished(context.Method, code, Stopwatch.GetElapsedTime(started));
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        var started = Stopwatch.GetTimestamp();
        var code = StatusCode.Unknown;
        try
        {
            await continuation(request, responseStream, context);
            code = StatusCode.OK;
        }
        catch (RpcException e)
        {
            code = e.StatusCode;
            throw;
        }
        finally
        {
            metrics.CallFinished(context.Method, code, Stopwatch.GetElapsedTime(started));
        }
    }
}
