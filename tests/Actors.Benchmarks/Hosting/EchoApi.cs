using Actors.Benchmarks.Echo;
using Grpc.Core;

namespace Actors.Benchmarks.Hosting;

/// <summary>
/// The echo RPC (Protos/bench/v1/echo.proto): what a call through the gateway costs before any grain is involved.
/// <para>
/// It lives in the benchmark's gateway host, not in the shipped gateway: it has no use for a school, and every RPC
/// the product exposes is surface to authorize, document and keep. Mapped like the API services (authenticated,
/// rate limited per user, behind the same interceptors), it pays the same fixed path as they do.
/// </para>
/// </summary>
internal sealed class EchoApi : EchoService.EchoServiceBase
{
    public override Task<EchoResponse> Echo(EchoRequest request, ServerCallContext context)
        => Task.FromResult(new EchoResponse { Payload = request.Payload });
}
