using Actors.Gateway.Hosting;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace Actors.Gateway.WebApp;

/// <summary>Serving the built browser app (<see cref="WebAppOptions"/>) on the HTTP port, with a single-page-app fallback.</summary>
public static class WebAppHostingExtensions
{
    /// <summary>Vite puts content-hashed bundles here: a changed file gets a new name, so they may be cached for good.</summary>
    private const string HashedAssetsPath = "/assets";

    /// <summary>
    /// The app loads only its own scripts and styles and talks only to its own origin (the gRPC-Web API beside it);
    /// React sets style attributes, hence <c>'unsafe-inline'</c> for styles only. No framing (clickjacking).
    /// </summary>
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; "
        + "frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    public static IServiceCollection AddActorsWebApp(this IServiceCollection services)
    {
        services.AddOptions<WebAppOptions>().BindConfiguration(WebAppOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WebAppOptions>, WebAppOptionsValidator>();
        return services;
    }

    /// <summary>
    /// After routing: a request on the HTTP port that no endpoint (gRPC, health, metrics, sign-in) took gets a file of
    /// the app, or, when a browser asks for a page such as <c>/teacher/classes/x</c>, the app's <c>index.html</c> (the
    /// app routes in the browser). Nothing is served on the h2c port, and nothing at all unless <c>Gateway:WebApp:Root</c> is set.
    /// </summary>
    public static WebApplication UseActorsWebApp(this WebApplication app)
    {
        var root = app.Services.GetRequiredService<IOptions<WebAppOptions>>().Value.Root;
        if (string.IsNullOrEmpty(root))
        {
            return app;
        }

        var httpPort = app.Services.GetRequiredService<GatewaySettings>().HttpPort;
        var files = new PhysicalFileProvider(Path.GetFullPath(root));
        var staticFiles = new StaticFileOptions
        {
            FileProvider = files,
            ContentTypeProvider = new FileExtensionContentTypeProvider(),
            OnPrepareResponse = static context => SetHeaders(context.Context.Response, context.Context.Request.Path),
        };
        app.UseWhen(
            context => context.GetEndpoint() is null && context.Connection.LocalPort == httpPort,
            branch =>
            {
                branch.UseStaticFiles(staticFiles);
                branch.Use((context, next) => IsPageRequest(context.Request) ? SendIndexAsync(context, files) : next(context));
            });
        return app;
    }

    // A browser navigating to a page of the app: GET or HEAD asking for HTML by name (scripts, styles and fetches do
    // not). Not judged by a file extension: page addresses hold ids such as "class~assignment~s.aroha".
    private static bool IsPageRequest(HttpRequest request)
        => (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            && request.GetTypedHeaders().Accept is { Count: > 0 } accept
            && accept.Any(static a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));

    private static Task SendIndexAsync(HttpContext context, IFileProvider files)
    {
        var index = files.GetFileInfo("index.html");
        context.Response.ContentType = "text/html; charset=utf-8";
        SetHeaders(context.Response, "/index.html");
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : context.Response.SendFileAsync(index);
    }

    // index.html names the current bundles, so it is checked every time; the bundles themselves never change.
    private static void SetHeaders(HttpResponse response, PathString path)
    {
        response.Headers.CacheControl = path.StartsWithSegments(HashedAssetsPath, StringComparison.Ordinal)
            ? "public, max-age=31536000, immutable"
            : "no-cache";
        response.Headers.XContentTypeOptions = "nosniff";
        if (path.Value?.EndsWith(".html", StringComparison.OrdinalIgnoreCase) == true)
        {
            response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        }
    }
}
