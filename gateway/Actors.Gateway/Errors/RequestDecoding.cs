using Actors.Gateway.Diagnostics;
using Google.Protobuf;
using Grpc.Core;

namespace Actors.Gateway.Errors;

/// <summary>
/// Request bodies that are not valid protobuf. They fail while Grpc.AspNetCore reads the request, before any
/// interceptor runs, and it would answer UNKNOWN and log the parser's stack trace at error level for each one — a
/// log any client could fill at will. The marshaller made here turns the parser's refusal into INVALID_ARGUMENT and
/// counts it (<c>actors.gateway.rpc.malformed_requests</c>) instead.
/// </summary>
internal static class RequestDecoding
{
    /// <summary><paramref name="marshaller"/> with a deserializer that refuses an unparsable body as INVALID_ARGUMENT.</summary>
    public static Marshaller<TRequest> Guard<TRequest>(Marshaller<TRequest> marshaller, string method, GatewayMetrics metrics)
    {
        var deserialize = marshaller.ContextualDeserializer;
        var message = $"The request body is not a valid {typeof(TRequest).Name} message (protobuf) for {method}.";
        return Marshallers.Create(marshaller.ContextualSerializer, context =>
        {
            try
            {
                return deserialize(context);
            }
            catch (InvalidProtocolBufferException)
            {
                metrics.MalformedRequest(method);
                throw new RpcException(new Status(StatusCode.InvalidArgument, message));
            }
        });
    }
}
