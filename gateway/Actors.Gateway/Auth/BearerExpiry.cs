using Grpc.Core;
using Microsoft.IdentityModel.Tokens;

namespace Actors.Gateway.Auth;

/// <summary>
/// When the bearer token of the current request stops being accepted: its <c>exp</c> plus <c>Jwt:ClockSkew</c>, the
/// moment the gateway (and the silos, with the same settings) would refuse it for a new call. Authentication checks a
/// token once, when a call starts; a call that lasts — a watch — ends itself at this moment (<see cref="Services.DocumentApi"/>).
/// Set on the request's features when the token is validated.
/// </summary>
internal sealed record BearerExpiry(DateTimeOffset At)
{
    /// <summary>Records the expiry of <paramref name="token"/> for the current request.</summary>
    public static void Set(HttpContext http, SecurityToken token, TimeSpan clockSkew)
        => http.Features.Set(new BearerExpiry(new DateTimeOffset(DateTime.SpecifyKind(token.ValidTo, DateTimeKind.Utc)) + clockSkew));

    /// <summary>The expiry of the bearer token of an authenticated call.</summary>
    public static DateTimeOffset Of(ServerCallContext context)
        => context.GetHttpContext().Features.Get<BearerExpiry>()?.At
            ?? throw new InvalidOperationException("An authenticated call carries no bearer expiry: it was not authenticated by the bearer handler.");
}
