using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace Actors.Cli.Tests;

/// <summary>
/// A loopback Kestrel app standing in for a gateway the CLI talks to: either one speaking h2c that refuses every
/// token as the real gateway does (a gRPC trailers-only UNAUTHENTICATED), or a port that speaks HTTP/1.1 only, like
/// the gateway's HTTP port.
/// </summary>
internal sealed class StandInGateway : IAsyncDisposable
{
    private readonly WebApplication _app;

    private StandInGateway(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public static Task<StandInGateway> RefusingEveryTokenAsync()
        => StartAsync(HttpProtocols.Http2, context =>
        {
            context.Response.ContentType = "application/grpc";
            context.Response.Headers["grpc-status"] = "16";
            context.Response.Headers["grpc-message"] = "The bearer token is not valid.";
            return Task.CompletedTask;
        });

    public static Task<StandInGateway> SpeakingHttp1OnlyAsync()
        => StartAsync(HttpProtocols.Http1, context => context.Response.WriteAsync("not gRPC"));

    /// <summary>A loopback address where nothing listens.</summary>
    public static Uri Nowhere() => new($"http://127.0.0.1:{FreePort()}");

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static async Task<StandInGateway> StartAsync(HttpProtocols protocols, RequestDelegate answer)
    {
        var port = FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port, o => o.Protocols = protocols));
        var app = builder.Build();
        app.Run(answer);
        await app.StartAsync();
        return new StandInGateway(app, new Uri($"http://127.0.0.1:{port}"));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
