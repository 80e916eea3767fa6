using System.Threading.RateLimiting;
using Actors.Gateway.Auth;
using Actors.Gateway.Errors;
using Grpc.Core;
using Microsoft.AspNetCore.RateLimiting;

namespace Actors.Gateway.RateLimiting;

/// <summary>ASP.NET Core rate limiting, partitioned by the authenticated user; rejected calls end with RESOURCE_EXHAUSTED.</summary>
internal static class RateLimitingExtensions
{
    /// <summary>The policy the API services require.</summary>
    public const string PerUserPolicy = "per-user";

    public static IServiceCollection AddActorsRateLimiting(this IServiceCollection services, RateLimitOptions options)
    {
        var bucket = new TokenBucketRateLimiterOptions
        {
            TokenLimit = options.Burst,
            TokensPerPeriod = options.PermitsPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            AutoReplenishment = true,

            // No queue: a gRPC client with a deadline is better served by an immediate, retryable refusal.
            QueueLimit = 0,
        };
        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(PerUserPolicy, context =>
            {
                // Runs after authorization, so every request here has a user; the connection's address is a fallback only.
                var user = context.User.FindFirst(Claims.UserId)?.Value ?? "anonymous:" + context.Connection.RemoteIpAddress;
                return RateLimitPartition.GetTokenBucketLimiter(user, _ => bucket);
            });
            limiter.OnRejected = (rejected, _) => new ValueTask(GrpcStatusResponse.WriteAsync(
                rejected.HttpContext,
                StatusCode.ResourceExhausted,
                $"Rate limit exceeded: at most {options.PermitsPerSecond} calls a second per user (bursts of {options.Burst}). Retry after a short delay."));
        });
        return services;
    }
}
