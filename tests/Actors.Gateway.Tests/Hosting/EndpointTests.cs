using System.Net;
using Actors.Api.Client;
using Actors.Api.V1;
using Actors.Gateway.Tests.Infrastructure;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Grpc.Net.Client.Web;
using Grpc.Reflection.V1Alpha;

namespace Actors.Gateway.Tests.Hosting;

/// <summary>What a frontend, a probe and an operator reach besides the API over h2c.</summary>
[Collection(GatewayCollection.Name)]
public sealed class EndpointTests(GatewayFixture fixture)
{
    [Fact]
    public async Task Browsers_reach_the_api_over_grpc_web_on_the_http_port()
    {
        var world = await fixture.WorldAsync();
        using var channel = GrpcChannel.ForAddress(fixture.Gateway.HttpAddress, new GrpcChannelOptions
        {
            HttpHandler = new GrpcWebHandler(GrpcWebMode.GrpcWebText, new HttpClientHandler()),
            HttpVersion = HttpVersion.Version11,
            HttpVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        });
        var documents = new DocumentService.DocumentServiceClient(channel);

        var document = await documents.GetDocumentAsync(new() { DocumentId = world.DocumentId }, world.Student.Call);
        var anonymous = await Assert.ThrowsAsync<RpcException>(() => documents.GetDocumentAsync(new() { DocumentId = world.DocumentId }).ResponseAsync);

        Assert.Equal(world.Teacher.Id, document.OwnerId);
        Assert.Equal(StatusCode.Unauthenticated, anonymous.StatusCode);
    }

    [Fact]
    public async Task Probes_see_health_over_grpc_and_http()
    {
        using var http = new HttpClient { BaseAddress = fixture.Gateway.HttpAddress };

        var grpc = await new Grpc.Health.V1.Health.HealthClient(fixture.Gateway.Channel).CheckAsync(new HealthCheckRequest());
        var live = await http.GetAsync("/health/live");
        var ready = await http.GetStringAsync("/health/ready");

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, grpc.Status);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("Healthy", ready);
    }

    [Fact]
    public async Task Metrics_count_calls_by_method_and_status()
    {
        var me = await fixture.StudentAsync();
        await fixture.Students.GetPageViewsAsync(new() { StudentId = me.Id }, me.Call);
        using var http = new HttpClient { BaseAddress = fixture.Gateway.HttpAddress };

        // The exporter caches a scrape briefly; poll until this call shows.
        var metrics = await Actors.Testing.Poll.UntilAsync(
            () => http.GetStringAsync("/metrics"),
            m => m.Contains("actors_gateway_rpc_calls", StringComparison.Ordinal) && m.Contains("GetPageViews", StringComparison.Ordinal),
            TimeSpan.FromSeconds(15),
            "the gateway's call counter on /metrics",
            m => m.Length > 300 ? m[..300] : m);

        Assert.Contains("http_server_request_duration", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reflection_lists_the_services_for_grpcurl()
    {
        using var call = new ServerReflection.ServerReflectionClient(fixture.Gateway.Channel).ServerReflectionInfo();
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext());

        var services = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToList();

        Assert.Contains("actors.v1.StudentService", services);
        Assert.Contains("actors.v1.ClassService", services);
        Assert.Contains("actors.v1.DocumentService", services);
    }

    [Fact]
    public async Task Start_up_fails_clearly_without_a_key_to_verify_with_or_with_hmac_outside_development()
    {
        var noKey = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(
            () => GatewayHost.StartAsync(fixture.Cluster, new Dictionary<string, string?> { ["Jwt:PublicKeyPaths:0"] = null }));
        var hmac = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(
            () => GatewayHost.StartAsync(fixture.Cluster, new Dictionary<string, string?> { ["Jwt:AllowHmac"] = "true", ["Jwt:SigningKey"] = new string('k', 48) }));
        var leftover = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(
            () => GatewayHost.StartAsync(fixture.Cluster, new Dictionary<string, string?> { ["Jwt:SigningKey"] = new string('k', 48) }));

        Assert.Contains("Jwt:Authority", noKey.Message, StringComparison.Ordinal);
        Assert.Contains("Jwt:AllowHmac is a development switch", hmac.Message, StringComparison.Ordinal);
        Assert.Contains("HMAC tokens are off", leftover.Message, StringComparison.Ordinal);
    }
}
