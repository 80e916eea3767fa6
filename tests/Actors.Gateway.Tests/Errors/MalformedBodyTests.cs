using System.Net;
using Actors.Api.Client;
using Actors.Api.V1;
using Actors.Gateway.Tests.Infrastructure;
using Actors.Testing;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Net.Client.Web;
using Microsoft.Extensions.Logging;

namespace Actors.Gateway.Tests.Errors;

/// <summary>
/// A body that is not protobuf at all, as a third-party client can send: it fails while the request is read,
/// before any service code or interceptor runs.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class MalformedBodyTests(GatewayFixture fixture)
{
    /// <summary>Field 1, length-delimited, with a length of 2³² − 1: no parser accepts it.</summary>
    private static readonly byte[] NotProtobuf = [0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x01];

    private static readonly Marshaller<byte[]> RawBytes = Marshallers.Create(static b => b, static b => b);

    [Theory]
    [InlineData("grpc")]
    [InlineData("grpc-web")]
    public async Task An_unparsable_body_is_invalid_argument_on_every_method_counted_and_not_logged(string protocol)
    {
        var log = new CapturedLog();
        var logging = new Dictionary<string, string?>
        {
            // Everything from Debug up reaches the captured log (gRPC's own lines too, which the shipped
            // appsettings.json would hide), except ASP.NET Core's per-request lines and the Orleans client's
            // background chatter, which the shipped settings keep out as well.
            ["Logging:LogLevel:Default"] = "Debug",
            ["Logging:LogLevel:Grpc"] = "Debug",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
            ["Logging:LogLevel:Orleans"] = "Error",
        };
        await using var gateway = await GatewayHost.StartAsync(fixture.Cluster, logging, builder => builder.Logging.AddProvider(log));
        using var channel = protocol == "grpc"
            ? GrpcChannel.ForAddress(gateway.GrpcAddress)
            : GrpcChannel.ForAddress(gateway.HttpAddress, new GrpcChannelOptions
            {
                HttpHandler = new GrpcWebHandler(GrpcWebMode.GrpcWeb, new HttpClientHandler()),
                HttpVersion = HttpVersion.Version11,
                HttpVersionPolicy = HttpVersionPolicy.RequestVersionExact,
            });
        var invoker = channel.CreateCallInvoker();
        var me = await fixture.StudentAsync();
        var methods = new[] { StudentService.Descriptor, ClassService.Descriptor, DocumentService.Descriptor, SchoolService.Descriptor }.SelectMany(s => s.Methods).ToList();
        var loggedBefore = log.Entries.Count;

        var answers = new List<(string Method, StatusCode Code, string Detail)>();
        foreach (var method in methods)
        {
            var status = await SendAsync(invoker, method, me);
            answers.Add((method.FullName, status.StatusCode, status.Detail));
        }

        Assert.Equal(53, methods.Count); // every method of the four services
        Assert.Contains(methods, m => m.IsServerStreaming);
        Assert.All(answers, a => Assert.True(a.Code == StatusCode.InvalidArgument, $"{a.Method} answered {a.Code} \"{a.Detail}\""));
        Assert.All(answers, a => Assert.Contains("not a valid", a.Detail, StringComparison.Ordinal));
        var logged = log.Entries.Skip(loggedBefore).Where(e => e.Level > LogLevel.Debug).ToList();
        Assert.True(logged.Count == 0, "Logged above Debug:\n" + string.Join("\n", logged));

        using var http = new HttpClient { BaseAddress = gateway.HttpAddress };
        await Poll.UntilAsync(
            () => http.GetStringAsync("/metrics"),
            m => PrometheusText.Sum(m, "actors_gateway_rpc_malformed_requests_total") == methods.Count,
            TimeSpan.FromSeconds(15),
            $"{methods.Count} malformed requests counted on /metrics",
            m => PrometheusText.Sum(m, "actors_gateway_rpc_malformed_requests_total").ToString(System.Globalization.CultureInfo.InvariantCulture));

        // The gateway goes on serving the same caller.
        await new StudentService.StudentServiceClient(channel).GetPageViewsAsync(new() { StudentId = me.Id }, me.Call);
    }

    /// <summary>Sends <see cref="NotProtobuf"/> as the request of <paramref name="method"/> and returns the status it ends with.</summary>
    private static async Task<Status> SendAsync(CallInvoker invoker, MethodDescriptor method, User caller)
    {
        var type = method.IsServerStreaming ? MethodType.ServerStreaming : MethodType.Unary;
        var raw = new Method<byte[], byte[]>(type, method.Service.FullName, method.Name, RawBytes, RawBytes);
        try
        {
            if (method.IsServerStreaming)
            {
                using var call = invoker.AsyncServerStreamingCall(raw, null, caller.Call, NotProtobuf);
                while (await call.ResponseStream.MoveNext())
                {
                }
            }
            else
            {
                await invoker.AsyncUnaryCall(raw, null, caller.Call, NotProtobuf);
            }

            return Status.DefaultSuccess;
        }
        catch (RpcException e)
        {
            return e.Status;
        }
    }
}
