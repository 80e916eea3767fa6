using System.Globalization;
using Grpc.Core;

namespace Actors.Gateway.Errors;

/// <summary>
/// A gRPC "trailers-only" response written by middleware that refuses a call before it reaches a service
/// (authentication, rate limiting): HTTP 200 with <c>grpc-status</c> and <c>grpc-message</c> in the headers, which
/// gRPC and gRPC-Web clients read as the call's status. A bare HTTP 401 or 429 would reach them as a transport error.
/// </summary>
internal static class GrpcStatusResponse
{
    public static Task WriteAsync(HttpContext context, StatusCode code, string message)
    {
        var response = context.Response;
        if (response.HasStarted)
        {
            return Task.CompletedTask;
        }

        var contentType = context.Request.ContentType;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = contentType is not null && contentType.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase)
            ? contentType
            : "application/grpc";
        response.Headers["grpc-status"] = ((int)code).ToString(CultureInfo.InvariantCulture);

        // The protocol carries grpc-message percent-encoded.
        response.Headers["grpc-message"] = Uri.EscapeDataString(message);
        return Task.CompletedTask;
    }
}
