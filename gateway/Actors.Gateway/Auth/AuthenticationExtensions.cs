using Actors.Gateway.Errors;
using Grpc.Core;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace Actors.Gateway.Auth;

/// <summary>JWT bearer authentication whose refusals reach gRPC clients as gRPC statuses.</summary>
internal static class AuthenticationExtensions
{
    /// <summary>How far clocks may disagree about a token's lifetime.</summary>
    private static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    public static IServiceCollection AddActorsAuthentication(this IServiceCollection services, JwtSettings jwt)
    {
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(o =>
        {
            // Claims keep their JWT names ("sub", "role") instead of being renamed to WS-Federation URIs.
            o.MapInboundClaims = false;
            o.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = jwt.Issuer,
                ValidAudience = jwt.Audience,
                IssuerSigningKey = jwt.SigningKey,
                ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                RequireExpirationTime = true,
                RequireSignedTokens = true,
                ClockSkew = ClockSkew,
                NameClaimType = Claims.UserId,
                RoleClaimType = Claims.Role,
            };
            o.Events = new JwtBearerEvents
            {
                OnTokenValidated = context =>
                {
                    if (Claims.FindProblem(context.Principal!) is { } problem)
                    {
                        context.Fail(problem);
                    }

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
