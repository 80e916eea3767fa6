using System.Net;
using System.Net.Http.Headers;
using Actors.Api.Client;
using Actors.Api.V1;
using Actors.Gateway.Tests.Infrastructure;
using Grpc.Net.Client;
using Grpc.Net.Client.Web;
using Microsoft.Extensions.Options;

namespace Actors.Gateway.Tests.Hosting;

/// <summary>The built browser app served from <c>Gateway:WebApp:Root</c> on the HTTP port, beside the API.</summary>
[Collection(GatewayCollection.Name)]
public sealed class WebAppTests(GatewayFixture fixture) : IDisposable
{
    private readonly DirectoryInfo _root = BuiltApp();

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public async Task App_files_and_page_addresses_are_served_on_the_http_port_beside_the_api()
    {
        await using var gateway = await GatewayHost.StartAsync(fixture.Cluster, new Dictionary<string, string?> { ["Gateway:WebApp:Root"] = _root.FullName });
        using var http = new HttpClient { BaseAddress = gateway.HttpAddress };

        var home = await GetPageAsync(http, "/");
        var deepLink = await GetPageAsync(http, "/teacher/classes/c-1");
        var idWithADot = await GetPageAsync(http, "/documents/c-1~a-1~s.aroha");
        var bundle = await http.GetAsync("/assets/index-abc123.js");
        var missingFile = await http.GetAsync("/assets/missing-999.js");
        var ready = await http.GetStringAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("<div id=\"root\">", await home.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("default-src 'self'", home.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.True(home.Headers.CacheControl?.NoCache);
        Assert.Contains("<div id=\"root\">", await deepLink.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("<div id=\"root\">", await idWithADot.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("console.log('app');", await bundle.Content.ReadAsStringAsync());
        Assert.Contains("immutable", bundle.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, missingFile.StatusCode);
        Assert.Equal("Healthy", ready);
    }

    [Fact]
    public async Task The_api_still_answers_grpc_web_on_the_same_port_never_with_the_page()
    {
        var world = await fixture.WorldAsync();
        await using var gateway = await GatewayHost.StartAsync(fixture.Cluster, new Dictionary<string, string?> { ["Gateway:WebApp:Root"] = _root.FullName });
        using var channel = GrpcChannel.ForAddress(gateway.HttpAddress, new GrpcChannelOptions
        {
            HttpHandler = new GrpcWebHandler(GrpcWebMode.GrpcWeb, new HttpClientHandler()),
            HttpVersion = HttpVersion.Version11,
        });
        var documents = new DocumentService.DocumentServiceClient(channel);

        var document = await documents.GetDocumentAsync(new() { DocumentId = world.DocumentId }, world.Student.Call);
        using var http = new HttpClient { BaseAddress = gateway.HttpAddress };
        using var unknownMethod = new HttpRequestMessage(HttpMethod.Post, "/actors.v1.DocumentService/NoSuchMethod") { Content = new ByteArrayContent(new byte[5]) };
        unknownMethod.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc-web");
        unknownMethod.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("*/*"));
        var unknown = await http.SendAsync(unknownMethod);

        Assert.Equal(world.DocumentId, document.DocumentId);
        Assert.NotEqual("text/html", unknown.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Nothing_but_the_api_is_served_without_a_root_nor_on_the_grpc_port()
    {
        await using var gateway = await GatewayHost.StartAsync(fixture.Cluster, new Dictionary<string, string?> { ["Gateway:WebApp:Root"] = _root.FullName });
        using var withoutRoot = new HttpClient { BaseAddress = fixture.Gateway.HttpAddress };
        using var h2c = new HttpClient { BaseAddress = gateway.GrpcAddress, DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };

        var noApp = await GetPageAsync(withoutRoot, "/");
        var grpcPort = await GetPageAsync(h2c, "/");

        Assert.Equal(HttpStatusCode.NotFound, noApp.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, grpcPort.StatusCode);
    }

    [Fact]
    public async Task A_root_without_a_built_app_fails_start_up_naming_the_setting()
    {
        var empty = Directory.CreateTempSubdirectory("actors-web-empty-");
        try
        {
            var failure = await Assert.ThrowsAsync<OptionsValidationException>(
                () => GatewayHost.StartAsync(fixture.Cluster, new Dictionary<string, string?> { ["Gateway:WebApp:Root"] = empty.FullName }));

            Assert.Contains("Gateway:WebApp:Root", failure.Message, StringComparison.Ordinal);
            Assert.Contains("npm run build", failure.Message, StringComparison.Ordinal);
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }

    private static Task<HttpResponseMessage> GetPageAsync(HttpClient http, string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path) { Version = http.DefaultRequestVersion, VersionPolicy = http.DefaultVersionPolicy };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        return http.SendAsync(request);
    }

    // The shape of `npm run build`'s output: index.html and content-hashed bundles under assets/.
    private static DirectoryInfo BuiltApp()
    {
        var root = Directory.CreateTempSubdirectory("actors-web-app-");
        File.WriteAllText(Path.Combine(root.FullName, "index.html"), "<!doctype html><html><body><div id=\"root\"></div></body></html>");
        Directory.CreateDirectory(Path.Combine(root.FullName, "assets"));
        File.WriteAllText(Path.Combine(root.FullName, "assets", "index-abc123.js"), "console.log('app');");
        return root;
    }
}
