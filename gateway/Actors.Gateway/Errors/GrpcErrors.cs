using Actors.Contracts.Errors;
using Actors.Gateway.Resilience;
using Actors.Persistence.CockroachDb.Storage;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Orleans.Runtime;
using Orleans.Storage;
using RpcStatus = Google.Rpc.Status;
using StatusCode = Grpc.Core.StatusCode;

namespace Actors.Gateway.Errors;

/// <summary>
/// The one mapping from what a call failed with to the gRPC status its client sees. Domain errors keep their
/// message (it says what was wrong with the request); everything else gets a fixed text, so no stack trace, type
/// name or internal detail reaches a client.
/// </summary>
internal static class GrpcErrors
{
    public const string InternalMessage = "An internal error occurred. It has been logged.";
    public const string UnavailableMessage = "The service is unavailable at the moment; the call is safe to retry.";
    public const string UnauthenticatedMessage = "The cluster did not accept the caller's credentials; sign in again.";
    public const string OverloadedMessage = "The service is overloaded; retry later.";

    /// <summary>The status for <paramref name="exception"/>, and whether it is a failure of ours worth logging.</summary>
    public static (RpcException Error, bool IsServerFault) ToRpcException(Exception exception, ServerCallContext context) => exception switch
    {
        RpcException rpc => (rpc, false),
        ValidationException invalid => (InvalidArgument(invalid), false),
        NotFoundException notFound => (Status(StatusCode.NotFound, notFound.Message), false),
        UnauthenticatedException => (Status(StatusCode.Unauthenticated, UnauthenticatedMessage), false),
        AccessDeniedException denied => (Status(StatusCode.PermissionDenied, denied.Message), false),
        ConflictException conflict => (Status(StatusCode.FailedPrecondition, conflict.Message), false),
        QuotaExceededException quota => (Status(StatusCode.ResourceExhausted, quota.Message), false),
        InconsistentStateException => (Status(StatusCode.Aborted, "The change conflicted with a concurrent one and was not applied; read again and retry."), false),
        GatewayTooBusyException or LimitExceededException => (Status(StatusCode.ResourceExhausted, OverloadedMessage), false),
        OperationCanceledException when context.CancellationToken.IsCancellationRequested => (Cancelled(context), false),
        CockroachStorageException { IsTransient: true } => (Status(StatusCode.Unavailable, UnavailableMessage), false),
        _ when TransientFailures.IsTransient(exception) => (Status(StatusCode.Unavailable, UnavailableMessage), false),
        _ => (Status(StatusCode.Internal, InternalMessage), true),
    };

    /// <summary>INVALID_ARGUMENT carrying a <c>google.rpc.BadRequest</c> with one field violation per problem (the rich error model).</summary>
    public static RpcException InvalidArgument(ValidationException invalid)
    {
        var badRequest = new BadRequest();
        foreach (var violation in invalid.Violations)
        {
            badRequest.FieldViolations.Add(new BadRequest.Types.FieldViolation
            {
                Field = FieldPaths.ToRequestPath(violation.Field),
                Description = violation.Problem,
            });
        }

        var message = "Invalid request: " + string.Join("; ", badRequest.FieldViolations.Select(v => $"{v.Field}: {v.Description}"));
        return new RpcStatus { Code = (int)Code.InvalidArgument, Message = message, Details = { Any.Pack(badRequest) } }.ToRpcException();
    }

    private static RpcException Cancelled(ServerCallContext context)
        => context.Deadline <= DateTime.UtcNow
            ? Status(StatusCode.DeadlineExceeded, "The deadline passed before the call finished.")
            : Status(StatusCode.Cancelled, "The call was cancelled.");

    private static RpcException Status(StatusCode code, string message) => new(new Grpc.Core.Status(code, message));
}
