using Actors.Gateway.Auth;
using Actors.Gateway.DevSignIn;
using Actors.Gateway.Diagnostics;
using Actors.Gateway.Errors;
using Actors.Gateway.Health;
using Actors.Gateway.RateLimiting;
using Actors.Gateway.Resilience;
using Actors.Gateway.Services;
using Actors.Gateway.Watching;
using Actors.Gateway.WebApp;
using Grpc.AspNetCore.Server.Model;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Actors.Gateway.Hosting;

/// <summary>The gateway's wiring, shared by <c>Program.cs</c> and the tests.</summary>
public static class GatewayHostingExtensions
{
    private const string CorsPolicy = "grpc-web";
    private const string ReadyTag = "ready";
    private const string GrpcCallHandlerLogCategory = "Grpc.AspNetCore.Server.ServerCallHandler";

    /// <summary>
    /// Adds the gRPC API, its Orleans client, authentication, rate limiting, health and metrics, configured from
    /// <see cref="GatewaySettings"/>, <see cref="Actors.Security.Tokens.TokenOptions"/> (<c>Jwt</c>), <c>ClusterTls</c>, <c>Gateway:RateLimit</c> and
    /// <c>Gateway:Retry</c>; the browser app (<see cref="WebAppOptions"/>) and the development sign-in (<see cref="DevSignInOptions"/>) when configured.
    /// </summary>
    /// <exception cref="InvalidOperationException">The configuration lacks a required value or has a malformed one.</exception>
    public static WebApplicationBuilder AddActorsGateway(this WebApplicationBuilder builder)
    {
        var settings = GatewaySettings.FromConfiguration(builder.Configuration);
        var rateLimit = builder.Configuration.GetSection("Gateway:RateLimit").Get<RateLimitOptions>() ?? new RateLimitOptions();

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(settings.ListenAddress, settings.GrpcPort, o => o.Protocols = HttpProtocols.Http2);
            kestrel.Listen(settings.ListenAddress, settings.HttpPort, o => o.Protocols = HttpProtocols.Http1);
        });
        builder.AddActorsOrleansClient(settings);

        // Grpc.AspNetCore logs every call that ends with an error status at Information ("Error status code ...
        // raised", and for an unparsable body "Error reading message" with the parser's exception): per request, and
        // at will for any client. The interceptors log what deserves it once; this category logs warnings and errors only.
        builder.Logging.AddFilter(GrpcCallHandlerLogCategory, LogLevel.Warning);

        var services = builder.Services;
        services.AddGrpc(o =>
        {
            o.MaxReceiveMessageSize = GatewaySettings.MaxMessageBytes;
            o.MaxSendMessageSize = GatewaySettings.MaxMessageBytes;

            // Details go to the log (ErrorInterceptor), never to clients.
            o.EnableDetailedErrors = false;
            o.Interceptors.Add<MetricsInterceptor>();
            o.Interceptors.Add<ErrorInterceptor>();
            o.Interceptors.Add<CallerTokenInterceptor>();
        });
        services.AddGrpcReflection();
        services.AddGrpcHealthChecks().AddCheck<ClusterHealthCheck>(ClusterHealthCheck.Name, tags: [ReadyTag]);
        UseGuardedServiceMethodProvider(services); // after every AddGrpc…(), each of which would add the stock binder back
        services.AddActorsAuthentication();
        services.TryAddSingleton(TimeProvider.System);
        services.AddActorsWebApp();
        services.AddActorsDevSignIn();
        services.AddActorsRateLimiting(rateLimit);
        services.Configure<GrainRetryOptions>(builder.Configuration.GetSection("Gateway:Retry"));
        services.AddSingleton<GrainCalls>();
        services.AddActorsWatchLimits();
        services.AddActorsTelemetry();
        if (settings.CorsOrigins.Count > 0)
        {
            services.AddCors(o => o.AddPolicy(CorsPolicy, p => p
                .WithOrigins([.. settings.CorsOrigins])
                .AllowAnyMethod()
                .AllowAnyHeader()
                .WithExposedHeaders("Grpc-Status", "Grpc-Message", "Grpc-Encoding", "Grpc-Accept-Encoding", "Grpc-Status-Details-Bin")));
        }

        return builder;
    }

    /// <summary>
    /// Replaces Grpc.AspNetCore's binder of generated services with <see cref="GuardedServiceMethodProvider{TService}"/>,
    /// so that an unparsable request body is INVALID_ARGUMENT for every service (the API, health and reflection).
    /// </summary>
    private static void UseGuardedServiceMethodProvider(IServiceCollection services)
    {
        var binder = services.SingleOrDefault(d => d.ServiceType == typeof(IServiceMethodProvider<>) && d.ImplementationType?.Name == "BinderServiceMethodProvider`1")
            ?? throw new InvalidOperationException("Grpc.AspNetCore no longer registers its BinderServiceMethodProvider: check how it binds generated services before upgrading.");
        services.Remove(binder);
        services.AddSingleton(typeof(IServiceMethodProvider<>), typeof(GuardedServiceMethodProvider<>));
    }

    /// <summary>
    /// Maps the four API services (authenticated, rate limited per user, also as gRPC-Web), gRPC health and
    /// reflection (anonymous, for probes and <c>grpcurl</c>), <c>/health/live</c>, <c>/health/ready</c> and <c>/metrics</c>;
    /// the browser app's files and <c>/dev/sign-in</c> when configured.
    /// </summary>
    public static WebApplication MapActorsGateway(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<GatewaySettings>();
        app.UseRouting();
        app.UseGrpcWeb(new GrpcWebOptions { DefaultEnabled = true });
        if (settings.CorsOrigins.Count > 0)
        {
            app.UseCors();
        }

        app.UseActorsWebApp();
        app.UseAuthentication();
        app.UseAuthorization();

        // After authorization: calls are limited per authenticated user, and unauthenticated ones never count.
        app.UseRateLimiter();

        foreach (var api in new[] { app.MapGrpcService<StudentApi>(), app.MapGrpcService<ClassApi>(), app.MapGrpcService<DocumentApi>(), app.MapGrpcService<SchoolApi>() })
        {
            api.RequireAuthorization().RequireRateLimiting(RateLimitingExtensions.PerUserPolicy);
            if (settings.CorsOrigins.Count > 0)
            {
                api.RequireCors(CorsPolicy);
            }
        }

        app.MapGrpcHealthChecksService().AllowAnonymous();
        app.MapGrpcReflectionService().AllowAnonymous();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = static _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = static check => check.Tags.Contains(ReadyTag) }).AllowAnonymous();
        app.MapPrometheusScrapingEndpoint("/metrics").AllowAnonymous();
        app.MapActorsDevSignIn();
        return app;
    }
}
