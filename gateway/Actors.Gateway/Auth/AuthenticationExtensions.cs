using Actors.Gateway.Errors;
using Actors.Security.Tokens;
using Grpc.Core;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Actors.Gateway.Auth;

/// <summary>
/// JWT bearer authentication whose tokens are checked by the shared <see cref="TokenVerifier"/> (settings:
/// <see cref="TokenOptions"/>, section <c>Jwt</c>, validated at start-up) and whose refusals reach gRPC clients as gRPC
/// statuses.
/// </summary>
internal static class AuthenticationExtensions
{
    public static IServiceCollection AddActorsAuthentication(this IServiceCollection services)
    {
        services.AddOptions<TokenOptions>().BindConfiguration(TokenOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TokenOptions>, TokenOptionsValidator>();
        services.AddSingleton(static sp => new TokenVerifier(sp.GetRequiredService<IOptions<TokenOptions>>().Value));
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<TokenVerifier>((o, verifier) =>
        {
            o.TokenHandlers.Clear();
            o.TokenHandlers.Add(new VerifierTokenHandler(verifier));
        });
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(o =>
        {
            // Claims keep their JWT names ("sub", "role") instead of being renamed to WS-Federation URIs.
            o.MapInboundClaims = false;
            o.TokenValidationParameters = new TokenValidationParameters { NameClaimType = Claims.UserId, RoleClaimType = Claims.Role };
            o.Events = new JwtBearerEvents
            {
                OnTokenValidated = context =>
                {
                    if (Claims.FindProblem(context.Principal!) is { } problem)
                    {
                        context.Fail(problem);
                        return Task.CompletedTask;
                    }

                    // Calls that last (watches) end when the token does.
                    var clockSkew = context.HttpContext.RequestServices.GetRequiredService<IOptions<TokenOptions>>().Value.ClockSkew;
                    BearerExpiry.Set(context.HttpContext, context.SecurityToken, clockSkew);
                    return Task.CompletedTask;
                },

                // A bare HTTP 401/403 would reach gRPC clients as a transport error; they get a gRPC status instead.
                OnChallenge = async context =>
                {
                    context.HandleResponse();
                    var message = context.AuthenticateFailure switch
                    {
                        null => "A bearer token is required (authorization: Bearer <token>).",
                        SecurityTokenExpiredException => "The bearer token has expired.",
                        _ => "The bearer token is not valid.",
                    };
                    await GrpcStatusResponse.WriteAsync(context.HttpContext, StatusCode.Unauthenticated, message);
                },
                OnForbidden = context => GrpcStatusResponse.WriteAsync(context.HttpContext, StatusCode.PermissionDenied, "The caller may not use this service."),
            };
        });
        services.AddAuthorization();
        return services;
    }
}
