using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Orleans.Dashboard;

namespace Actors.Silo.Dashboard;

/// <summary>The Orleans dashboard, served only to operators: see <see cref="OperatorDashboardOptions"/>.</summary>
public static class OperatorDashboardExtensions
{
    private const string OperatorsPolicy = "operators";

    /// <summary>Reads the dashboard settings from <paramref name="configuration"/> (they decide which ports Kestrel opens).</summary>
    public static OperatorDashboardOptions ReadDashboardOptions(this IConfiguration configuration)
        => configuration.GetSection(OperatorDashboardOptions.SectionName).Get<OperatorDashboardOptions>() ?? new();

    /// <summary>
    /// Adds the dashboard to the silo (trace view per <see cref="OperatorDashboardOptions.ShowTrace"/>) and, when
    /// credentials are configured, cookie authentication with a rate-limited sign-in.
    /// </summary>
    public static ISiloBuilder AddOperatorDashboard(this ISiloBuilder silo, OperatorDashboardOptions options)
    {
        silo.Services.AddOptions<OperatorDashboardOptions>().BindConfiguration(OperatorDashboardOptions.SectionName).ValidateOnStart();
        silo.Services.AddSingleton<IValidateOptions<OperatorDashboardOptions>, OperatorDashboardOptionsValidator>();
        if (!options.Enabled)
        {
            return silo;
        }

        silo.AddDashboard(o => o.HideTrace = !options.ShowTrace);
        if (options.HasCredentials)
        {
            AddOperatorSignIn(silo.Services);
        }

        return silo;
    }

    /// <summary>
    /// Maps the dashboard at <see cref="OperatorDashboardOptions.RoutePrefix"/>: behind the operator login, or answering
    /// only requests that arrived on the loopback listener. The grain state view answers 403 unless enabled.
    /// </summary>
    public static WebApplication MapOperatorDashboard(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<OperatorDashboardOptions>>().Value;
        if (!options.Enabled)
        {
            return app;
        }

        var dashboard = app.MapOrleansDashboard(routePrefix: OperatorDashboardOptions.RoutePrefix);
        dashboard.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (!options.HasCredentials && !ArrivedOnLoopbackListener(http.Connection, options.LoopbackPort))
            {
                return Results.NotFound();
            }

            // Decided by the endpoint routing chose, not by the path: routing also takes "/GrainState/" and any casing.
            if (!options.ShowGrainState && IsGrainStateEndpoint(http.GetEndpoint()))
            {
                return Results.Problem("The grain state view is disabled (Dashboard:ShowGrainState).", statusCode: StatusCodes.Status403Forbidden);
            }

            return await next(context);
        });

        if (options.HasCredentials)
        {
            app.UseAuthentication();
            app.UseAuthorization();
            app.UseRateLimiter();
            dashboard.RequireAuthorization(OperatorsPolicy);
            app.MapOperatorLogin();
        }

        return app;
    }

    private static bool IsGrainStateEndpoint(Endpoint? endpoint)
        => endpoint is RouteEndpoint { RoutePattern.RawText: { } pattern } && pattern.TrimEnd('/').EndsWith("/GrainState", StringComparison.OrdinalIgnoreCase);

    private static bool ArrivedOnLoopbackListener(ConnectionInfo connection, int loopbackPort)
        => connection.LocalPort == loopbackPort && connection.LocalIpAddress is { } local && IPAddress.IsLoopback(local);

    private static void AddOperatorSignIn(IServiceCollection services)
    {
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(cookie =>
        {
            cookie.LoginPath = OperatorLoginEndpoints.LoginPath;
            cookie.LogoutPath = OperatorLoginEndpoints.LogoutPath;
            cookie.Cookie.Name = "actors-operator";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            cookie.SlidingExpiration = true;
        });
        services.AddAuthorizationBuilder().AddPolicy(OperatorsPolicy, policy => policy.RequireRole(OperatorLoginEndpoints.OperatorRole, OperatorLoginEndpoints.AdminRole));

        // Keys in memory: a restarted silo asks operators to sign in again, and no key file is left on the node.
        services.AddDataProtection().UseEphemeralDataProtectionProvider();

        // Password guessing is slowed to a few attempts a minute per client address.
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(OperatorLoginEndpoints.LoginRateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                static _ => new FixedWindowRateLimiterOptions { PermitLimit = 10, Window = TimeSpan.FromMinutes(1) }));
        });
    }
}
