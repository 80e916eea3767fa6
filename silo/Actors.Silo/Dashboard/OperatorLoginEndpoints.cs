using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace Actors.Silo.Dashboard;

/// <summary>The operator sign-in page (<c>/login</c>) and sign-out (<c>/logout</c>) in front of the dashboard.</summary>
internal static partial class OperatorLoginEndpoints
{
    public const string LoginPath = "/login";
    public const string LogoutPath = "/logout";

    /// <summary>The role the configured operator gets; the dashboard policy accepts it and <see cref="AdminRole"/>.</summary>
    public const string OperatorRole = "operator";

    public const string AdminRole = "admin";

    /// <summary>Rate-limiter policy of sign-in attempts.</summary>
    public const string LoginRateLimit = "operator-login";

    /// <summary>Maps the sign-in page and sign-out; the returned group lets the caller restrict where they answer.</summary>
    public static RouteGroupBuilder MapOperatorLogin(this IEndpointRouteBuilder endpoints)
    {
        var login = endpoints.MapGroup("");
        login.MapGet(LoginPath, (string? returnUrl) => Page(returnUrl, failed: false));
        login.MapPost(LoginPath, SignInAsync).RequireRateLimiting(LoginRateLimit);
        login.MapPost(LogoutPath, async (HttpContext context) =>
        {
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.Redirect(LoginPath);
        });
        return login;
    }

    private static async Task<IResult> SignInAsync(HttpContext context, IOptions<OperatorDashboardOptions> options, ILoggerFactory loggers)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var username = form["username"].ToString();
        var password = form["password"].ToString();
        var returnUrl = form["returnUrl"].ToString();
        var settings = options.Value;
        var logger = loggers.CreateLogger(typeof(OperatorLoginEndpoints));

        // Both checks always run, so the time taken does not tell whether the user name was right.
        var userMatches = CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(username), Encoding.UTF8.GetBytes(settings.Username ?? ""));
        var passwordMatches = password.Length > 0 && OperatorPassword.Verify(settings.PasswordHash ?? "", password);
        if (!(userMatches && passwordMatches))
        {
            LogSignInFailed(logger, context.Connection.RemoteIpAddress?.ToString());
            return Page(returnUrl, failed: true);
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, settings.Username!), new Claim(ClaimTypes.Role, OperatorRole)],
            CookieAuthenticationDefaults.AuthenticationScheme);
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
        LogSignedIn(logger, settings.Username!, context.Connection.RemoteIpAddress?.ToString());
        return Results.LocalRedirect(IsLocal(returnUrl) ? returnUrl : OperatorDashboardOptions.RoutePrefix + "/");
    }

    // Only paths on this site: "//host" and "/\host" would leave it (an open redirect).
    private static bool IsLocal(string? url)
        => !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));

    private static IResult Page(string? returnUrl, bool failed)
    {
        var target = HtmlEncoder.Default.Encode(IsLocal(returnUrl) ? returnUrl! : OperatorDashboardOptions.RoutePrefix + "/");
        var error = failed ? "<p class=\"error\" role=\"alert\">Wrong user name or password.</p>" : "";
        var html = $$"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8"><title>Actors operators: sign in</title>
            <style>
            body { font-family: sans-serif; display: grid; place-items: center; min-height: 90vh; }
            form { display: grid; gap: .6em; min-width: 18em; }
            .error { color: #b00020; }
            </style>
            </head>
            <body>
            <form method="post" action="{{LoginPath}}">
            <h1>Operators' dashboard</h1>
            {{error}}
            <label>User name <input id="username" name="username" autocomplete="username" required autofocus></label>
            <label>Password <input id="password" name="password" type="password" autocomplete="current-password" required></label>
            <input type="hidden" name="returnUrl" value="{{target}}">
            <button type="submit">Sign in</button>
            </form>
            </body>
            </html>
            """;
        return Results.Content(html, "text/html; charset=utf-8", statusCode: failed ? StatusCodes.Status401Unauthorized : StatusCodes.Status200OK);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Operator {Username} signed in to the dashboard from {Address}")]
    private static partial void LogSignedIn(ILogger logger, string username, string? address);

    // Not the user name: people type their password into it now and then.
    [LoggerMessage(Level = LogLevel.Warning, Message = "Failed dashboard sign-in from {Address}")]
    private static partial void LogSignInFailed(ILogger logger, string? address);
}
