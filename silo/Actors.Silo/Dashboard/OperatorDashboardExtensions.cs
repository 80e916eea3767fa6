using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using Orleans.Dashboard;

namespace Actors.Silo.Dashboard;

/// <summary>The Orleans dashboard, served only to operators: see <see cref="OperatorDashboardOptions"/>.</summary>
public static class OperatorDashboardExtensions
{
    private const string OperatorsPolicy = "operators";

    /// <summary>
    /// Reads and checks the dashboard settings from <paramref name="configuration"/> (they decide which ports Kestrel
    /// opens, so they are checked before the host is built).
    /// </summary>
    /// <exception cref="OptionsValidationException">The settings cannot work, e.g. an exposed dashboard without HTTPS.</exception>
    public static OperatorDashboardOptions ReadDashboardOptions(this IConfiguration configuration)
    {
        var options = configuration.GetSection(OperatorDashboardOptions.SectionName).Get<OperatorDashboardOptions>() ?? new();
        var result = new OperatorDashboardOptionsValidator().Validate(null, options);
        return result.Failed
            ? throw new OptionsValidationException(OperatorDashboardOptions.SectionName, typeof(OperatorDashboardOptions), result.Failures)
            : options;
    }

    /// <summary>The dashboard's own listener: plain HTTP on loopback, HTTPS when a certificate is configured (always, when exposed).</summary>
    public static void ListenDashboard(this KestrelServerOptions kestrel, OperatorDashboardOptions options)
    {
        if (!options.Enabled)
        {
            return;
        }

        kestrel.Listen(IPAddress.Parse(options.ListenAddress), options.Port, listen =>
        {
            if (options.HasCertificate)
            {
                listen.UseHttps(OperatorDashboardOptionsValidator.LoadCertificate(options));
            }
        });
    }

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
            AddOperatorSignIn(silo.Services, options);
        }

        return silo;
    }

    /// <summary>
    /// Maps the dashboard at <see cref="OperatorDashboardOptions.RoutePrefix"/>, answering only on its own listener and
    /// to its host names, behind the operator login when configured. The grain state and trace views answer 403 unless
    /// enabled, whatever spelling of their path routing matched.
    /// </summary>
    public static WebApplication MapOperatorDashboard(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<OperatorDashboardOptions>>().Value;
        if (!options.Enabled)
        {
            return app;
        }

        var dashboard = app.MapOrleansDashboard(routePrefix: OperatorDashboardOptions.RoutePrefix);
        ((IEndpointConventionBuilder)dashboard).Add(endpoint =>
        {
            if (endpoint is RouteEndpointBuilder route && SensitiveDashboardView.Of(route.RoutePattern) is { } view)
            {
                endpoint.Metadata.Add(view);
            }
        });
        dashboard.RequireHost([.. options.Hosts]).WithMetadata(DashboardListenerOnly.Instance);
        dashboard.AddEndpointFilter(async (context, next) =>
        {
            var view = context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<SensitiveDashboardView>();
            return view is not null && !view.IsShown(options)
                ? Results.Problem($"The {view.Name} view is disabled ({view.SettingKey}).", statusCode: StatusCodes.Status403Forbidden)
                : await next(context);
        });

        // Only the dashboard's own listener serves it (the silo's HTTP port is open to the cluster for probes and
        // metrics): checked right after routing, before authentication could answer with a redirect to the login.
        app.Use(async (context, next) =>
        {
            if (context.GetEndpoint()?.Metadata.GetMetadata<DashboardListenerOnly>() is not null && context.Connection.LocalPort != options.Port)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            await next(context);
        });

        if (options.HasCredentials)
        {
            app.UseAuthentication();
            app.UseAuthorization();
            app.UseRateLimiter();
            dashboard.RequireAuthorization(OperatorsPolicy);

            // The login answers where the dashboard does, and only to its host names (a request naming another host,
            // as DNS rebinding would, finds nothing).
            app.MapOperatorLogin().RequireHost([.. options.Hosts]).WithMetadata(DashboardListenerOnly.Instance);
        }

        return app;
    }

    private static void AddOperatorSignIn(IServiceCollection services, OperatorDashboardOptions options)
    {
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(cookie =>
        {
            cookie.LoginPath = OperatorLoginEndpoints.LoginPath;
            cookie.LogoutPath = OperatorLoginEndpoints.LogoutPath;
            cookie.Cookie.Name = "actors-operator";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;

            // Off loopback the cookie never travels in clear text (and the listener is HTTPS-only there anyway).
            cookie.Cookie.SecurePolicy = options.IsExposed ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
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

    /// <summary>Endpoint metadata: served only on the dashboard's listener.</summary>
    private sealed class DashboardListenerOnly
    {
        public static readonly DashboardListenerOnly Instance = new();
    }
}
