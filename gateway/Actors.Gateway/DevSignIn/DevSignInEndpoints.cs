using System.Globalization;
using System.Security.Claims;
using Actors.Gateway.Auth;
using Microsoft.Extensions.Options;

namespace Actors.Gateway.DevSignIn;

/// <summary>
/// <c>GET /dev/sign-in?redirect_uri=/path&amp;state=…</c> shows the demo users; <c>POST /dev/sign-in</c> mints a token for
/// the one picked and redirects (302) to <c>redirect_uri#access_token=…&amp;token_type=Bearer&amp;expires_in=…&amp;state=…</c>,
/// the shape of an OAuth 2.0 implicit-grant redirect. The token travels in the fragment, which browsers never send
/// to a server. Only paths on this origin are accepted as <c>redirect_uri</c>, so a token is never sent elsewhere.
/// </summary>
public static class DevSignInEndpoints
{
    public const string Path = "/dev/sign-in";

    private const string PageSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static IServiceCollection AddActorsDevSignIn(this IServiceCollection services)
    {
        services.AddOptions<DevSignInOptions>().BindConfiguration(DevSignInOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DevSignInOptions>, DevSignInOptionsValidator>();
        services.AddSingleton<IDevTokenIssuer, KeyPairDevTokenIssuer>();
        return services;
    }

    /// <summary>Maps the page when <see cref="DevSignInOptions.Enabled"/>; otherwise nothing (the path is then unknown).</summary>
    public static WebApplication MapActorsDevSignIn(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<DevSignInOptions>>().Value;
        if (!options.Enabled)
        {
            return app;
        }

        var directory = options.UsersFile is { Length: > 0 } file ? DemoDirectory.Load(file) : DemoDirectory.Empty;
        var roles = Claims.Roles.Keys.ToList();
        app.MapGet(Path, (HttpContext context) =>
        {
            var redirectUri = context.Request.Query["redirect_uri"].ToString();
            if (!IsLocalPath(redirectUri))
            {
                return Results.BadRequest("redirect_uri must be a path on this site, such as /signed-in.");
            }

            return Page(context, DevSignInPage.Render(directory, redirectUri, context.Request.Query["state"].ToString(), roles));
        }).AllowAnonymous();

        app.MapPost(Path, async (HttpContext context, IDevTokenIssuer issuer) =>
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            var redirectUri = form["redirect_uri"].ToString();
            var state = form["state"].ToString();
            if (!IsLocalPath(redirectUri))
            {
                return Results.BadRequest("redirect_uri must be a path on this site, such as /signed-in.");
            }

            var identity = new DevIdentity(Trimmed(form["school"]), Trimmed(form["user"]) ?? "", Trimmed(form["role"]) ?? "");
            if (FindProblem(identity) is { } problem)
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page(context, DevSignInPage.Render(directory, redirectUri, state, roles, "That user cannot sign in: " + problem));
            }

            var token = issuer.Issue(identity, options.TokenLifetime);
            var fragment = string.Join('&',
                "access_token=" + Uri.EscapeDataString(token),
                "token_type=Bearer",
                "expires_in=" + ((long)options.TokenLifetime.TotalSeconds).ToString(CultureInfo.InvariantCulture),
                "state=" + Uri.EscapeDataString(state));
            context.Response.Headers.CacheControl = "no-store";
            return Results.Redirect(redirectUri + "#" + fragment, permanent: false, preserveMethod: false);
        }).AllowAnonymous().DisableAntiforgery();
        return app;
    }

    /// <summary>A path on this origin: not an absolute URL, not protocol-relative (<c>//host</c>), not <c>/\host</c>.</summary>
    internal static bool IsLocalPath(string value)
        => value.Length > 0
            && value[0] == '/'
            && (value.Length == 1 || (value[1] != '/' && value[1] != '\\'))
            && !value.Contains('#', StringComparison.Ordinal)
            && !value.Any(char.IsControl);

    // The gateway's own rule for a token's claims, so the page never hands out a token the API would refuse.
    private static string? FindProblem(DevIdentity identity)
        => Claims.FindProblem(new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(Claims.School, identity.School ?? ""), new Claim(Claims.UserId, identity.UserId), new Claim(Claims.Role, identity.Role)])));

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static IResult Page(HttpContext context, string html)
    {
        context.Response.Headers.ContentSecurityPolicy = PageSecurityPolicy;
        context.Response.Headers.CacheControl = "no-store";
        return Results.Content(html, "text/html; charset=utf-8");
    }
}
