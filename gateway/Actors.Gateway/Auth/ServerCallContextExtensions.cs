using Actors.Contracts;
using Grpc.Core;

namespace Actors.Gateway.Auth;

/// <summary>The caller of a gRPC call, for the grains.</summary>
internal static class ServerCallContextExtensions
{
    /// <summary>
    /// The <see cref="Caller"/> of an authenticated call to a data service; operators are refused here
    /// (<see cref="Access.RequireSchoolDataAccess"/>). Every API endpoint requires authentication, so a call without
    /// a user never reaches a service; reaching here without one is a wiring bug, not a client error.
    /// </summary>
    public static Caller Caller(this ServerCallContext context)
    {
        var user = context.GetHttpContext().User;
        var caller = user.Identity?.IsAuthenticated == true
            ? Claims.ToCaller(user)
            : throw new InvalidOperationException("An API call reached a service without an authenticated user.");
        Access.RequireSchoolDataAccess(caller);
        return caller;
    }
}
