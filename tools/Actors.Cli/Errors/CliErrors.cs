using System.Net.Http;
using System.Net.Sockets;
using Grpc.Core;

namespace Actors.Cli.Errors;

/// <summary>
/// What the CLI says when a command fails: one line, what went wrong and what to do about it. The exception itself
/// (with its stack trace) is shown only with <c>--verbose</c>.
/// </summary>
internal static class CliErrors
{
    /// <summary>The one-line explanation of <paramref name="error"/>, for a command talking to <paramref name="gateway"/> (if any).</summary>
    public static string Describe(Exception error, Uri? gateway) => error switch
    {
        RpcException { StatusCode: StatusCode.Unauthenticated } rpc =>
            $"The gateway refused the token ({rpc.Status.Detail}). Tokens must be signed with the running gateway's key: scripts/run-local.sh makes a new one "
            + "each time it starts (.run/jwt-signing-key), so keys and tokens from an earlier run no longer work. Mint tokens again, or pass --signing-key.",
        RpcException rpc when Unreachable(rpc) is { } why =>
            $"Cannot reach the gateway at {Address(gateway)} ({why}). Is it running (scripts/run-local.sh)? Check --gateway.",
        RpcException rpc when HttpFailure(rpc) is not null =>
            $"{Address(gateway)} does not answer gRPC over HTTP/2 ({HttpFailure(rpc)!.Message}). Is --gateway the gateway's gRPC port (5080 by default), not its HTTP port (5081)?",
        RpcException { StatusCode: StatusCode.DeadlineExceeded } =>
            $"The gateway at {Address(gateway)} did not answer in time. It may be overloaded or still starting: try again.",
        RpcException { StatusCode: StatusCode.Unavailable } rpc =>
            $"The gateway at {Address(gateway)} is unavailable ({rpc.Status.Detail}). Try again; if it persists, check that the silos are running.",
        RpcException rpc =>
            $"The gateway answered {rpc.StatusCode}: {rpc.Status.Detail}",
        OperationCanceledException => "Cancelled.",
        UriFormatException => $"'{gateway?.OriginalString}' is not an address: pass --gateway like http://127.0.0.1:5080.",
        _ => $"{error.Message} (run with --verbose for details)",
    };

    private static HttpRequestException? HttpFailure(RpcException rpc)
        => rpc.Status.DebugException as HttpRequestException ?? rpc.InnerException as HttpRequestException;

    /// <summary>
    /// Why nothing answered at all (refused, unreachable, unknown host), as against something that answered oddly; null
    /// if something did. Grpc.Net.Client's connection manager reports a failed connect as the socket's own error.
    /// </summary>
    private static string? Unreachable(RpcException rpc) => (rpc.Status.DebugException ?? rpc.InnerException) switch
    {
        SocketException socket => socket.Message,
        HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError } http => http.Message,
        _ => null,
    };

    private static string Address(Uri? gateway) => gateway?.ToString().TrimEnd('/') ?? "the gateway";
}
