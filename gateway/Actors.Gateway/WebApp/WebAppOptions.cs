namespace Actors.Gateway.WebApp;

/// <summary>
/// The browser app served as static files on the gateway's HTTP port (<c>Gateway:WebApp</c>), so that in production
/// the app and its gRPC-Web API share one origin (no CORS). Off unless <see cref="Root"/> is set.
/// </summary>
public sealed class WebAppOptions
{
    public const string SectionName = "Gateway:WebApp";

    /// <summary>
    /// Folder of the built app (<c>web/dist</c> after <c>npm run build</c>), holding <c>index.html</c>; relative paths
    /// are taken from the working directory. Default none: nothing but the API is served.
    /// </summary>
    public string? Root { get; set; }
}
